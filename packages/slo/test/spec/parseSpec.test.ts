import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/errors.js';
import { parseSpec } from '../../src/spec/parseSpec.js';

const slo = (extra = '', name = 'prescriptions') => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: prescriptions
  timeWindow:
    - duration: 30d
      isRolling: true
  objectives:
    - target: 0.999
${extra}`;

function problems(text: string) {
  try {
    parseSpec(text, 'slos.yaml');
  } catch (err) {
    if (err instanceof SpecError) return err.problems;
    throw err;
  }
  throw new Error('the spec parsed');
}

describe('parseSpec', () => {
  it('reports each problem with its file, line, field path and message', () => {
    expect(problems(slo().replace('0.999', '99.9'))).toEqual([
      {
        file: 'slos.yaml',
        line: 11,
        path: 'spec.objectives[0].target',
        message: 'must be between 0 and 1 (exclusive), got 99.9; did you mean 0.999?',
      },
    ]);
  });

  it('throws a SpecError with the code HARTSLAG_ERR_SPEC_INVALID', () => {
    expect(() => parseSpec('kind: SLO\n', 'slos.yaml')).toThrow(
      expect.objectContaining({ name: 'HartslagSloError', code: 'HARTSLAG_ERR_SPEC_INVALID' }),
    );
  });

  it('fills in the coffee-break defaults from the short form: warn at half the limit, half the calls failing', () => {
    const [s] = parseSpec(slo('  maxOutage: 10m\n'), 'slos.yaml').slos;
    expect(s!.maxOutage).toEqual({ limit: 600, warnAfter: 300, errorRatio: 0.5 });
  });

  it('fills in the silence defaults: three weeks, 0.1 calls/s, a quarter of the baseline', () => {
    const [s] = parseSpec(slo('  silence:\n    detectWithin: 3m\n'), 'slos.yaml').slos;
    expect(s!.silence).toEqual({ detectWithin: 180, baselineWeeks: 3, minExpectedRate: 0.1, ratio: 0.25 });
  });

  it('takes the baseline with spaces inside the parentheses', () => {
    const [s] = parseSpec(
      slo('  silence:\n    detectWithin: 1h\n    baseline: sameTimeLastWeeks( 8 )\n    minExpectedRate: 0\n'),
      'slos.yaml',
    ).slos;
    expect(s!.silence).toMatchObject({ detectWithin: 3600, baselineWeeks: 8, minExpectedRate: 0 });
  });

  it('points an SLO at the line of its kind, past comments and document markers', () => {
    const spec = parseSpec(`# pharmacy SLOs\n---\n${slo()}---\n\n${slo('', 'dispensations')}`, 'slos.yaml');
    expect(spec.slos.map((s) => s.source)).toEqual([
      { file: 'slos.yaml', line: 4 },
      { file: 'slos.yaml', line: 17 },
    ]);
  });

  it('counts lines the same with Windows line endings', () => {
    const crlf = slo().replace('0.999', '99.9').replaceAll('\n', '\r\n');
    expect(problems(crlf).map((p) => p.line)).toEqual([11]);
  });

  it('resolves YAML anchors and aliases within a document', () => {
    const text = slo('  alerting:\n    labels: { team: *service }\n')
      .replace('name: prescriptions', 'name: &service prescriptions')
      .replace('service: prescriptions', 'service: *service');
    const [s] = parseSpec(text, 'slos.yaml').slos;
    expect(s).toMatchObject({ name: 'prescriptions', service: 'prescriptions', labels: { team: 'prescriptions' } });
  });

  it('lists problems in file order, whichever document or check found them', () => {
    const text = `${slo('  breakdown: [vendors]\n')}---\n${slo('', 'prescriptions').replace('30d', '30')}`;
    expect(problems(text).map((p) => `${p.line} ${p.path}`)).toEqual([
      '12 spec.breakdown[0]',
      '17 metadata.name',
      '21 spec.timeWindow[0].duration',
    ]);
  });

  it('reports YAML syntax errors with their line and no field', () => {
    expect(problems(slo().replace('  service: prescriptions', '  service: "prescriptions'))[0]).toMatchObject({
      path: '',
      message: expect.stringMatching(/^YAML: /),
    });
  });

  it('says so when a file holds no SLO at all', () => {
    for (const text of ['', '# nothing yet\n', '---\n...\n']) {
      expect(problems(text)).toEqual([
        {
          file: 'slos.yaml',
          line: 1,
          path: '',
          message: 'holds no SLO: expected YAML documents of apiVersion: openslo/v1, kind: SLO',
          code: 'HARTSLAG_ERR_SPEC_NO_SLO',
        },
      ]);
    }
  });

  it('accepts the window bounds 1d and 90d, and the outage limits 1m and 1d', () => {
    for (const [window, limit] of [
      ['1d', '1m'],
      ['90d', '1d'],
      ['12w', '24h'],
    ]) {
      const text = slo(`  maxOutage: ${limit}\n`).replace('30d', window!);
      expect(parseSpec(text, 'slos.yaml').slos[0]!.maxOutage!.limit).toBeGreaterThanOrEqual(60);
    }
  });

  it.each([
    ['  maxOutage: 59s\n', 'spec.maxOutage must be between 1m and 1d, got "59s"'],
    ['  maxOutage: { limit: 10m, warnAfter: 0s }\n', 'spec.maxOutage.warnAfter must be longer than 0s'],
    ['  maxOutage: { limit: 10m, errorRatio: 0 }\n', 'spec.maxOutage.errorRatio must be greater than 0'],
    ['  maxOutage: { warnAfter: 5m }\n', 'spec.maxOutage.limit is required'],
    ['  silence: { detectWithin: 2h }\n', 'spec.silence.detectWithin must be between 2m and 1h, got "2h"'],
    [
      '  silence: { detectWithin: 3m, baseline: sameTimeLastWeeks(9) }\n',
      'with N from 1 to 8, got "sameTimeLastWeeks(9)"',
    ],
    ['  silence: { detectWithin: 3m, minExpectedRate: -1 }\n', 'minExpectedRate must be 0 or more calls per second'],
    ['  silence: { detectWithin: 3m, ratio: 1 }\n', 'spec.silence.ratio must be between 0 and 1 (exclusive), got 1'],
    ['  silence: {}\n', 'spec.silence.detectWithin is required'],
    ['  alerting: { labels: { __name__: x } }\n', 'labels.__name__ is reserved'],
    ['  alerting: { labels: { slo: other } }\n', 'spec.alerting.labels.slo is set by Hartslag'],
    ['  alerting: { labels: { team: "" } }\n', 'spec.alerting.labels.team must not be empty'],
    ['  alerting: { routing: x }\n', 'spec.alerting.routing is not a known field (known here: labels)'],
    ['  breakdown: [vendor, vendor]\n', 'spec.breakdown[1] repeats vendor'],
    [
      '  budgetingMethod: occurrences\n',
      'spec.budgetingMethod must be one of Occurrences, Timeslices, RatioTimeslices, got "occurrences"; did you mean Occurrences?',
    ],
  ])('Having %j it reports: %s', (extra, message) => {
    const lines = problems(slo(extra)).map((p) => `${p.path} ${p.message}`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
  });

  it('rejects a metadata.name that is not a DNS label, suggesting one that is', () => {
    expect(problems(slo('', 'Prescriptions v2'))[0]!.message).toMatch(/; did you mean prescriptions-v2\?$/);
    expect(problems(slo('', `a${'b'.repeat(63)}`))[0]!.message).toMatch(/^must be a DNS label/);
  });

  it('rejects {{window}} anywhere but as a whole range', () => {
    const query = (q: string) => `{ metricSource: { type: Prometheus, spec: { query: '${q}' } } }`;
    const text = slo(
      `  indicator:\n    spec:\n      ratioMetric:\n        bad: ${query('sum(rate(x{w="{{window}}"}[{{window}}]))')}\n        total: ${query('sum(rate(x[{{window}}]))')}\n`,
    );
    expect(problems(text).map((p) => p.message)).toEqual(['must use {{window}} only as a whole range: [{{window}}]']);
  });

  it('needs good or bad besides total in a ratioMetric', () => {
    const text = slo(
      "  indicator:\n    spec:\n      ratioMetric:\n        total: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(x[{{window}}]))' } } }\n",
    );
    expect(problems(text)).toMatchObject([
      { line: 14, path: 'spec.indicator.spec.ratioMetric', message: 'needs good or bad besides total' },
    ]);
  });
});
