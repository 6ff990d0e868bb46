import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promtoolCheckRules } from '@hartslag/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import type { Slo } from '../../src/model/Slo.js';
import { generateRules, renderRules } from '../../src/rules/generate.js';
import { scenarioSlo, t } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'hartslag-check-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the generated file for `slo` and runs `promtool check rules` on it. */
function check(slo: Slo): { ok: boolean; output: string; rules: number } {
  const file = join(dir, `${slo.name}.yaml`);
  const generated = generateRules({ file: 'slos.yaml', slos: [slo] });
  writeFileSync(file, renderRules(generated, 'slos.yaml'));
  const rules = generated.groups.reduce((n, g) => n + g.rules.length, 0);
  return { ...promtoolCheckRules(file), rules };
}

describe('promtool check rules', () => {
  it('accepts the rules of an SLO with every extension', () => {
    const slo: Slo = {
      ...scenarioSlo(),
      displayName: 'Medication history lookups',
      description: 'Fetching a patient’s medication history from the pharmacy hub',
      breakdown: ['vendor', 'tenant'],
      labels: { team: 'pharmacy-hub', runbook: 'https://runbooks.example/medication-history' },
    };
    const r = check(slo);
    expect(r.ok, r.output).toBe(true);
    expect(r.output).toContain(`SUCCESS: ${r.rules} rules found`);
  });

  it('accepts the rules of a minimal SLO without extensions', () => {
    const slo: Slo = {
      name: 'patient-lookup',
      service: 'patient-index',
      indicator: { kind: 'care', selector: { service: 'patient-index' } },
      objective: 0.99,
      window: t('28d'),
      breakdown: [],
      labels: {},
      source: { file: 'slos.yaml', line: 1 },
    };
    const r = check(slo);
    expect(r.ok, r.output).toBe(true);
    expect(r.output).toContain(`SUCCESS: ${r.rules} rules found`);
  });
});
