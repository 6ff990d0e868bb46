import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METRICS, OTHER } from '@hartslag/metrics';
import { promtoolCheckRules, promtoolTestRules } from '@hartslag/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLines, readConfig } from '../../src/index.js';

const examples = new URL('../../examples/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'logwatch-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the patient look-up example', () => {
  it('counts only look-ups, per pharmacy, as the patient-lookup service', () => {
    const file = join(examples, 'patient-lookups.yaml');
    const config = readConfig(readFileSync(file, 'utf8'), file);
    const { text, failed } = checkLines(config, readFileSync(join(examples, 'access.sample.log'), 'utf8'));
    expect(text).toContain(
      `${METRICS.tenantCalls}{service="patient-lookup",tenant="apotheek-0042",vendor="pharmasoft",outcome="success"} +1`,
    );
    // The dispensation line and the garbage line are not look-ups.
    expect(text).toMatch(/line 3: .* register-dispensation .*\n {2}lookups: rejected \(no_match\)/);
    expect(failed).toBe(3);
  });

  it('alerts on a pharmacy above 1,000 look-ups an hour and not on one at 960 (promtool test rules)', () => {
    const rules = join(examples, 'patient-lookups.rules.yaml');
    const check = promtoolCheckRules(rules);
    expect(check.ok, check.output).toBe(true);
    const text = readFileSync(rules, 'utf8');
    expect(text).toContain(METRICS.tenantCalls);
    expect(text).toContain(`tenant!="${OTHER}"`);
    const series = (tenant: string, perMinute: number) =>
      `      - series: '${METRICS.tenantCalls}{service="patient-lookup",tenant="${tenant}",vendor="medisys",outcome="success"}'\n        values: '0+${perMinute}x120'`;
    const test = join(dir, 'lookups.test.yaml');
    writeFileSync(
      test,
      `rule_files: [${JSON.stringify(rules)}]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
${series('apotheek-0007', 20)}
${series('apotheek-0008', 16)}
${series(OTHER, 100)}
    alert_rule_test:
      - eval_time: 45m
        alertname: PharmacyPatientLookupsAboveLimit
        exp_alerts: []
      - eval_time: 70m
        alertname: PharmacyPatientLookupsAboveLimit
        exp_alerts:
          - exp_labels: { severity: ticket, service: patient-lookup, tenant: apotheek-0007, vendor: medisys }
            exp_annotations:
              summary: apotheek-0007 (medisys) looked up 1200 patients in the last hour
              description: >-
                More than 1,000 patient look-ups an hour from one pharmacy: a script, a leaked account,
                or a vendor bug. Check the pharmacy's contract and the calls in the access log.
`,
    );
    const r = promtoolTestRules(test);
    expect(r.ok, r.output).toBe(true);
  });
});
