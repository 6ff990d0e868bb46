import { readFileSync } from 'node:fs';
import { createCareMetrics, createSloEvaluator } from '@hartslag/metrics';
import { describe, expect, it } from 'vitest';
import { evaluatorObjectives } from '../../src/model/objectives.js';
import { parseSpec } from '../../src/spec/parseSpec.js';

const spec = parseSpec(readFileSync(new URL('../../examples/slos.yaml', import.meta.url), 'utf8'), 'slos.yaml');

describe('objectives for the in-process evaluator', () => {
  it("takes a service's SLOs on the care metrics, grouped ones with their grouping, and leaves custom PromQL indicators to Prometheus", () => {
    const objectives = evaluatorObjectives(spec, 'medication-history');
    expect(objectives.map((o) => o.name)).toEqual([
      'fetch-medication-history',
      'register-dispensation',
      'medication-history-by-vendor',
    ]);
    expect(objectives[2]).toMatchObject({ groupBy: { label: 'vendor', top: 10 } });
    expect(objectives[2]!.operation).toBeUndefined();
    expect(evaluatorObjectives(spec, 'messaging')).toEqual([]);
  });

  it('leaves calendar periods and Timeslices budgets to the rules', () => {
    const text = readFileSync(new URL('../../examples/slos.yaml', import.meta.url), 'utf8')
      .replace(
        /duration: 30d\n {6}isRolling: true/,
        'duration: 1M\n      isRolling: false\n      calendar: { startTime: 2026-01-01 00:00:00, timeZone: Europe/Amsterdam }',
      )
      .replace(
        'budgetingMethod: Occurrences\n  timeWindow:\n    - duration: 30d',
        'budgetingMethod: Timeslices\n  timeWindow:\n    - duration: 30d',
      )
      .replace('target: 0.995', 'target: 0.995\n      timeSliceTarget: 0.9\n      timeSliceWindow: 1m');
    const both = parseSpec(text, 'slos.yaml');
    expect(both.slos.map((s) => [s.name, s.calendar?.unit, s.timeslices?.window])).toEqual([
      ['fetch-medication-history', 'month', undefined],
      ['register-dispensation', undefined, 60],
      ['medication-history-by-vendor', undefined, undefined],
      ['provider-login', undefined, undefined],
    ]);
    expect(evaluatorObjectives(both, 'medication-history').map((o) => o.name)).toEqual([
      'medication-history-by-vendor',
    ]);
  });

  it('gives the evaluator what it accepts, and its alerts carry the spec alert labels', () => {
    let now = 0;
    const metrics = createCareMetrics({ service: 'medication-history', registry: false });
    const evaluator = createSloEvaluator(metrics, evaluatorObjectives(spec, 'medication-history'), {
      now: () => now,
      autoStart: false,
    });
    evaluator.tick();
    for (let k = 1; k <= 30; k++) {
      now = k * 30_000;
      for (let i = 0; i < 50; i++) metrics.recordCall({ operation: 'register-dispensation', outcome: 'server_error' });
      evaluator.tick();
    }
    const alerts = evaluator.firingAlerts();
    expect(alerts.map((a) => a.alertname)).toContain('HartslagOutageLimitBreached');
    for (const a of alerts) expect(a.labels).toMatchObject({ slo: 'register-dispensation', team: 'pharmacy-hub' });
    evaluator.close();
  });

  it('passes a freshness SLO with its stage and threshold, which the evaluator judges by message age', () => {
    const fresh = parseSpec(
      readFileSync(new URL('../../testdata/golden/in-freshness.yaml', import.meta.url), 'utf8'),
      'in-freshness.yaml',
    );
    const objectives = evaluatorObjectives(fresh, 'messaging');
    expect(objectives).toEqual([
      {
        name: 'messages-delivered-fresh',
        freshness: { pipeline: 'send-message', stage: 'deliver', within: 60 },
        objective: 0.99,
        window: 30 * 86_400,
      },
    ]);
    const metrics = createCareMetrics({ service: 'messaging', registry: false });
    const evaluator = createSloEvaluator(metrics, objectives, { autoStart: false });
    evaluator.tick();
    // A minute-old bound is the 60 s bucket: one message of four delivered later than that.
    const deliver = metrics.pipeline('send-message').stage('deliver');
    for (const age of [1, 5, 30, 600]) deliver.record('success', 0.01, Date.now() - age * 1000);
    evaluator.tick();
    expect(evaluator.status()[0]!.errorRatios['5m']).toBe(0.25);
    evaluator.close();
  });
});
