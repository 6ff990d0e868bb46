import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SpecError, type SpecProblem } from '../../src/errors.js';
import type { Slo } from '../../src/model/Slo.js';
import { generateRules } from '../../src/rules/generate.js';
import { parseSpec } from '../../src/spec/parseSpec.js';

const WINDOW = '  timeWindow: [{ duration: 30d, isRolling: true }]\n';
const source = (query: string, extra = '') =>
  `{ metricSource: { ${extra}type: Prometheus, spec: { query: '${query}' } } }`;

function problems(text: string): SpecProblem[] {
  try {
    parseSpec(text, 'slos.yaml');
  } catch (err) {
    if (err instanceof SpecError) return [...err.problems];
    throw err;
  }
  throw new Error('the spec parsed');
}

const withoutSource = ({ source: _, ...slo }: Slo) => slo;

describe('OpenSLO v1 forms', () => {
  it('reads a list-form file with an SLI by indicatorRef and a DataSource by metricSourceRef', () => {
    const text = `- apiVersion: openslo/v1
  kind: SLO
  metadata: { name: lookups }
  spec:
    service: lookups
    indicatorRef: lookup-calls
  ${WINDOW}    objectives: [{ target: 0.99 }]
- apiVersion: openslo/v1
  kind: SLI
  metadata: { name: lookup-calls }
  spec:
    ratioMetric:
      counter: true
      bad: { metricSource: { metricSourceRef: prom, spec: { query: 'sum(x_total{code=~"5.."})' } } }
      total: { metricSource: { metricSourceRef: prom, spec: { query: 'sum(x_total)' } } }
- apiVersion: openslo/v1
  kind: DataSource
  metadata: { name: prom }
  spec: { type: Prometheus, connectionDetails: { url: 'http://prometheus:9090' } }
`;
    const spec = parseSpec(text, 'slos.yaml');
    expect(spec.slos.map((s) => [s.name, s.indicator])).toEqual([
      [
        'lookups',
        {
          kind: 'ratio',
          bad: 'sum(rate(x_total{code=~"5.."}[{{window}}]))',
          total: 'sum(rate(x_total[{{window}}]))',
        },
      ],
    ]);
    expect(spec.warnings).toBeUndefined();
  });

  it('refuses a DataSource of another kind once, at the DataSource', () => {
    const text = `apiVersion: openslo/v1
kind: SLO
metadata: { name: lookups }
spec:
  service: lookups
${WINDOW}  objectives: [{ target: 0.99 }]
  indicator:
    metadata: { name: calls }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { metricSourceRef: dd, spec: { query: 'a' } } }
        total: { metricSource: { metricSourceRef: dd, spec: { query: 'b' } } }
---
apiVersion: openslo/v1
kind: DataSource
metadata: { name: dd }
spec: { type: Datadog }
`;
    expect(problems(text)).toEqual([
      expect.objectContaining({ line: 19, path: 'spec.type', code: 'HARTSLAG_ERR_SPEC_METRIC_SOURCE' }),
    ]);
  });

  it('reads Sloth’s {{.window}} template as {{window}}', () => {
    const text = `apiVersion: openslo/v1
kind: SLO
metadata: { name: lookups }
spec:
  service: lookups
${WINDOW}  objectives: [{ target: 0.99 }]
  indicator:
    metadata: { name: calls }
    spec:
      ratioMetric:
        good: ${source('sum(rate(x_total{code!~"5.."}[{{ .window }}]))')}
        total: ${source('sum(rate(x_total[{{.window}}]))')}
`;
    const [slo] = parseSpec(text, 'slos.yaml').slos;
    expect(slo!.indicator).toEqual({
      kind: 'ratio',
      good: 'sum(rate(x_total{code!~"5.."}[{{window}}]))',
      total: 'sum(rate(x_total[{{window}}]))',
    });
  });

  it('carries labels (lists joined) onto alerts, and annotations under names Prometheus takes', () => {
    const text = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: lookups
  labels: { team: [a, b], app.kubernetes.io/part-of: hub }
  annotations: { openslo.com/service-folder: ./x, runbook: https://r.example/lookups }
spec:
  service: lookups
${WINDOW}  objectives: [{ target: 0.99 }]
`;
    const spec = parseSpec(text, 'slos.yaml');
    expect(spec.slos[0]).toMatchObject({
      labels: { team: 'a,b', app_kubernetes_io_part_of: 'hub' },
      annotations: { openslo_com_service_folder: './x', runbook: 'https://r.example/lookups' },
    });
    const alerts = generateRules(spec).groups.flatMap((g) => g.rules.filter((r) => 'alert' in r));
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) {
      expect(a.labels).toMatchObject({ team: 'a,b', app_kubernetes_io_part_of: 'hub' });
      expect((a as { annotations: Record<string, string> }).annotations.runbook).toBe('https://r.example/lookups');
    }
  });

  it('names an unknown hartslag.dev/ annotation and the one probably meant', () => {
    const text = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: lookups
  annotations: { hartslag.dev/maxoutage: 10m }
spec:
  service: lookups
${WINDOW}  objectives: [{ target: 0.99 }]
`;
    expect(problems(text).map((p) => `${p.line}: ${p.path} ${p.message}`)).toEqual([
      '5: metadata.annotations.hartslag.dev/maxoutage is not a Hartslag setting; did you mean hartslag.dev/max-outage?',
    ]);
  });

  it('reports a bad value inside an annotation at the annotation’s line', () => {
    const text = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: lookups
  annotations:
    hartslag.dev/silence: detectWithin=3m, ratio=25
spec:
  service: lookups
${WINDOW}  objectives: [{ target: 0.99 }]
`;
    expect(problems(text).map((p) => `${p.line}: ${p.path} ${p.message}`)).toEqual([
      '6: metadata.annotations.hartslag.dev/silence.ratio must be between 0 and 1 (exclusive), got 25; did you mean 0.25?',
    ]);
  });

  it('refuses a setting given both as annotation and in its old place', () => {
    const text = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: lookups
  annotations: { hartslag.dev/max-outage: 10m }
spec:
  service: lookups
${WINDOW}  objectives: [{ target: 0.99 }]
  maxOutage: 5m
`;
    expect(problems(text).map((p) => `${p.line}: ${p.path} ${p.message}`)).toEqual([
      '10: spec.maxOutage is given twice: keep metadata.annotations.hartslag.dev/max-outage and remove spec.maxOutage',
    ]);
  });

  it.each([
    [
      '1m',
      'must be a calendar period: 1d, 1w, 1M or 1Q (or multiples of d and w), got "1m"; did you mean 1M (a month)? 1m is a minute',
    ],
    ['1Y', 'must be a calendar period: 1d, 1w, 1M or 1Q (or multiples of d and w), got "1Y"'],
    ['4M', 'must be a calendar period from 1 day to a quarter (1d, 1w, 1M, 1Q), got "4M"'],
  ])('refuses a calendar window of %s', (duration, message) => {
    const text = `apiVersion: openslo/v1
kind: SLO
metadata: { name: lookups }
spec:
  service: lookups
  timeWindow:
    - duration: ${duration}
      isRolling: false
      calendar: { startTime: 2026-01-01 00:00:00, timeZone: Europe/Amsterdam }
  objectives: [{ target: 0.99 }]
`;
    expect(problems(text).map((p) => `${p.path} ${p.message}`)).toEqual([`spec.timeWindow[0].duration ${message}`]);
  });

  it('names the time zone probably meant', () => {
    const text = `apiVersion: openslo/v1
kind: SLO
metadata: { name: lookups }
spec:
  service: lookups
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar: { startTime: 2026-01-01 00:00:00, timeZone: Europe/Amsterdm }
  objectives: [{ target: 0.99 }]
`;
    expect(problems(text)[0]!.message).toContain('did you mean Europe/Amsterdam?');
  });

  it('reads a calendar month and Timeslices into the model', () => {
    const text = `apiVersion: openslo/v1
kind: SLO
metadata: { name: lookups }
spec:
  service: lookups
  budgetingMethod: Timeslices
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar: { startTime: 2026-01-01 06:00:00, timeZone: Europe/Amsterdam }
  objectives: [{ target: 0.99, op: gt, timeSliceTarget: 0.9, timeSliceWindow: 5m }]
`;
    expect(parseSpec(text, 'slos.yaml').slos[0]).toMatchObject({
      window: 30 * 86_400,
      calendar: { unit: 'month', count: 1, timeZone: 'Europe/Amsterdam', start: [2026, 1, 1, 6, 0, 0] },
      timeslices: { window: 300, target: 0.9, strict: true },
    });
  });

  it('maps a burn-rate condition onto the tier with its window, and names in a warning what it does not read', () => {
    const text = `apiVersion: openslo/v1
kind: SLO
metadata: { name: lookups }
spec:
  service: lookups
${WINDOW}  objectives: [{ target: 0.99 }]
  alertPolicies:
    - kind: AlertPolicy
      metadata: { name: fast-burn }
      spec:
        conditions:
          - kind: AlertCondition
            metadata: { name: burn-2x }
            spec: { severity: critical, condition: { kind: burnrate, op: gt, threshold: 2, lookbackWindow: 1h, alertAfter: 5m } }
          - conditionRef: slow-burn
        notificationTargets:
          - targetRef: pagerduty
---
apiVersion: openslo/v1
kind: AlertCondition
metadata: { name: slow-burn }
spec: { severity: warning, condition: { kind: burnrate, op: gt, threshold: 1, lookbackWindow: 2h, alertAfter: 30m } }
`;
    const spec = parseSpec(text, 'slos.yaml');
    expect(spec.slos[0]!.alertPolicies).toEqual([
      { policy: 'fast-burn', condition: 'burn-2x', longWindow: 3600, severity: 'critical' },
    ]);
    expect(
      spec.warnings
        ?.filter((w) => w.code === 'HARTSLAG_WARN_SPEC_IGNORED')
        .map((w) => `${w.line} ${w.path} ${w.message}`),
    ).toEqual([
      "9 spec.alertPolicies[0] (fast-burn): not read: the threshold 2 of burn-2x (mapped onto the 1h page tier, which alerts at its own burn rate); condition slow-burn (burnrate gt 1 over 2h: Hartslag's tiers look back 1h, 6h, 1d, 3d); notification targets pagerduty (route the alerts with Alertmanager by their severity label)",
    ]);
    const burns = generateRules(spec)
      .groups.flatMap((g) => g.rules)
      .filter((r) => 'alert' in r && r.labels?.long_window);
    expect(
      burns.map((r) => [r.labels!.long_window, r.labels!.severity, r.labels!.alert_policy, r.labels!.openslo_severity]),
    ).toEqual([
      ['1h', 'page', 'fast-burn', 'critical'],
      ['6h', 'page', undefined, undefined],
      ['1d', 'ticket', undefined, undefined],
      ['3d', 'ticket', undefined, undefined],
    ]);
  });
});

describe('openslo/v1alpha as Sloth reads it', () => {
  it('makes one SLO per objective, named <name>-<index>, with Sloth’s 30 days when no window is given', () => {
    const text = readFileSync(
      new URL('../../testdata/openslo/sloth/openslo-kubernetes-apiserver.yml', import.meta.url),
      'utf8',
    );
    const spec = parseSpec(text.replace(/ {2}timeWindows:\n.*\n.*\n/g, ''), 'k8s.yml');
    expect(spec.slos.map((s) => [s.name, s.objective, s.window])).toEqual([
      ['requests-availability-openslo', 0.999, 30 * 86_400],
      ['requests-latency-openslo-0', 0.99, 30 * 86_400],
      ['requests-latency-openslo-1', 0.999, 30 * 86_400],
    ]);
  });
});

describe('migration from Hartslag’s old fields', () => {
  const legacy = readFileSync(new URL('../../testdata/validate/good/full.yaml', import.meta.url), 'utf8');

  it('warns once per old field, printing the replacement, which reads back to the same SLO', () => {
    const old = parseSpec(legacy, 'full.yaml');
    const printed = (old.warnings ?? []).map((w) => w.message);
    expect(old.warnings?.map((w) => [w.path, w.code])).toEqual([
      ['spec', 'HARTSLAG_WARN_SPEC_DEPRECATED'],
      ['spec.operation', 'HARTSLAG_WARN_SPEC_DEPRECATED'],
      ['spec.maxOutage', 'HARTSLAG_WARN_SPEC_DEPRECATED'],
      ['spec.silence', 'HARTSLAG_WARN_SPEC_DEPRECATED'],
      ['spec.breakdown', 'HARTSLAG_WARN_SPEC_DEPRECATED'],
      ['spec.alerting', 'HARTSLAG_WARN_SPEC_DEPRECATED'],
    ]);
    // Apply what the warnings print: annotations, labels, and the indicator written out.
    const annotations = printed.flatMap((m) =>
      [...m.matchAll(/(hartslag\.dev\/[a-z-]+): ("[^"]*")/g)].map((x) => `    ${x[1]}: ${x[2]}`),
    );
    const labels = /metadata: \{ labels: \{ (.*) \} \}$/.exec(printed.find((m) => m.includes('labels'))!)![1];
    const indicator = /written out as: (indicator: .*)$/.exec(printed.find((m) => m.includes('indicator:'))!)![1];
    const migrated = legacy
      .replace(/\n {2}operation:.*\n/, '\n')
      .replace(/\n {2}maxOutage:[\s\S]*$/, `\n  ${indicator}\n`)
      .replace(
        '  displayName: Medication history lookups\n',
        `  displayName: Medication history lookups\n  labels: { ${labels} }\n  annotations:\n${annotations.join('\n')}\n`,
      );
    const now = parseSpec(migrated, 'full.yaml');
    expect(now.warnings).toBeUndefined();
    expect(now.slos.map(withoutSource)).toEqual(old.slos.map(withoutSource));
  });
});

describe('OpenSLO labels Hartslag sets itself', () => {
  it('reads past a metadata label named like one of Hartslag’s alert labels, with a warning', () => {
    const text = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: lookups
  labels: { service: web, team: a }
spec:
  service: lookups
${WINDOW}  objectives: [{ target: 0.99 }]
`;
    const spec = parseSpec(text, 'slos.yaml');
    expect(spec.slos[0]!.labels).toEqual({ team: 'a' });
    expect(spec.warnings?.find((w) => w.path === 'metadata.labels.service')).toMatchObject({
      line: 5,
      code: 'HARTSLAG_WARN_SPEC_IGNORED',
      message: expect.stringContaining('is not carried onto the alerts: Hartslag sets service itself'),
    });
  });
});

describe('the operation of the default SLI written out', () => {
  const text = (annotation: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: lookups
  annotations: { ${annotation} }
spec:
  service: hub
${WINDOW}  objectives: [{ target: 0.99 }]
  indicator:
    metadata: { name: calls }
    spec:
      ratioMetric:
        counter: true
        bad: ${source('care_calls_total{service="hub",operation="lookup",outcome=~"server_error|timeout"}')}
        total: ${source('care_calls_total{service="hub",operation="lookup"}')}
`;

  it('comes from the query, so the rules carry it without an annotation', () => {
    expect(parseSpec(text('runbook: r'), 'slos.yaml').slos[0]).toMatchObject({
      operation: 'lookup',
      indicator: { kind: 'care', selector: { service: 'hub', operation: 'lookup' } },
    });
  });

  it('must agree with hartslag.dev/operation when both are given', () => {
    expect(problems(text('hartslag.dev/operation: login')).map((p) => `${p.line}: ${p.path} ${p.message}`)).toEqual([
      '5: metadata.annotations.hartslag.dev/operation is "login", but the indicator counts the calls of operation "lookup": give one operation',
    ]);
  });
});
