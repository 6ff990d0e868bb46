import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_AGE_BUCKETS, freshnessBucket, freshnessThresholdProblem } from '../../src/contract.js';
import { ConfigError, createCareMetrics, createSloEvaluator, type SloObjective } from '../../src/index.js';
import { DAY } from './simulation.js';
import { deliver, FRESH, freshService, startClock, times } from './support/freshSlo.js';

beforeEach(startClock);
afterEach(() => {
  vi.useRealTimers();
});

describe('a freshness SLO in the in-process evaluator', () => {
  it('counts the messages delivered later than the threshold as bad: 1% stale spends a 99% budget', () => {
    const s = freshService();
    deliver(s, [...times(990, 2), ...times(10, 120)]);
    const status = s.slo.status()[0]!;
    expect(status.errorRatios['5m']).toBeCloseTo(0.01, 12);
    expect(status.budgetRemaining).toBeCloseTo(0, 12);
    expect(status.freshness).toEqual({ pipeline: 'send-message', stage: 'deliver', within: 60 });
    expect(status.operation).toBeUndefined();
  });

  it('counts a message exactly at the threshold as fresh, as the le bucket does, and a millisecond later as stale', () => {
    const s = freshService();
    deliver(s, [60, 60, 60, 60.001]);
    expect(s.slo.status()[0]!.errorRatios['5m']).toBe(0.25);
  });

  it("judges only its own stage's delivered messages: other stages, calls and failed deliveries do not count", () => {
    const s = freshService();
    s.metrics
      .pipeline('send-message')
      .stage('deliver')
      .record('server_error', 1, Date.now() - 600_000);
    s.metrics.recordCall({ operation: 'login', outcome: 'server_error', code: 503 });
    deliver(s, times(50, 600), 'notify');
    deliver(s, times(100, 1));
    const status = s.slo.status()[0]!;
    expect(status.errorRatios['5m']).toBe(0);
    expect(status.callRate).toBeCloseTo(100 / 300, 12);
  });

  it('has nothing to judge before the stage delivers a message: no ratio, no alert, no error', () => {
    const s = freshService();
    deliver(s, [], 'notify');
    const status = s.slo.status()[0]!;
    expect(status.errorRatios['5m']).toBeUndefined();
    expect(status.budgetRemaining).toBeUndefined();
    expect(status.alerts).toEqual([]);
    expect(s.metrics.aggregate.family('instrumentationErrors').values.reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('pages when a stalled stage releases its backlog stale, with the labels the rules give (no operation)', () => {
    const s = freshService([{ ...FRESH, window: 30 * DAY }]);
    for (let k = 0; k < 20; k++) deliver(s, times(20, 1));
    // The stage stalls for 10 minutes, then delivers what waited: all of it older than a minute.
    for (let k = 0; k < 20; k++) deliver(s, []);
    for (let k = 0; k < 20; k++) deliver(s, times(40, 600 - k * 25));
    const burn = s.slo.firingAlerts().filter((a) => a.alertname === 'HartslagErrorBudgetBurn');
    expect(burn.map((a) => a.labels.long_window).sort()).toEqual(['1h', '6h']);
    for (const a of burn) {
      expect(a.labels).toEqual(expect.objectContaining({ slo: FRESH.name, service: 'messaging', severity: 'page' }));
      expect(a.labels.operation).toBeUndefined();
    }
  });
});

describe('freshness thresholds', () => {
  it('are the bucket bounds of the age histogram, each counted by its own bucket', () => {
    expect(freshnessBucket(60)).toBe(DEFAULT_AGE_BUCKETS.indexOf(60));
    expect(freshnessBucket(0.5)).toBe(0);
    expect(freshnessThresholdProblem(60)).toBeUndefined();
    expect(freshnessBucket(45)).toBe(-1);
    expect(freshnessBucket('60')).toBe(-1);
    expect(freshnessThresholdProblem(45)).toMatch(
      /^must be a bucket bound of the message age histogram \(0\.5, 1, .*got 45/,
    );
  });

  it('refuse an objective whose threshold has no bucket, or that mixes an operation in, naming each field', () => {
    const metrics = createCareMetrics({ service: 'messaging', registry: false });
    const bad = (freshness: unknown, extra: object = {}) => {
      try {
        createSloEvaluator(metrics, [{ ...FRESH, freshness, ...extra } as SloObjective], { autoStart: false });
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as ConfigError).problems.map((p) => p.field);
      }
      throw new Error('accepted');
    };
    expect(bad({ pipeline: 'send-message', stage: 'deliver', within: 45 })).toEqual(['objectives[0].freshness.within']);
    expect(bad({ ...FRESH.freshness }, { operation: 'login' })).toEqual(['objectives[0].freshness']);
    expect(bad({ ...FRESH.freshness }, { groupBy: { label: 'vendor', top: 3 } })).toEqual(['objectives[0].groupBy']);
    expect(bad({ pipeline: 'Send Message', stage: 7, within: 60, withn: 60 })).toEqual([
      'objectives[0].freshness.withn',
      'objectives[0].freshness.pipeline',
      'objectives[0].freshness.stage',
    ]);
    expect(bad('send-message/deliver')).toEqual(['objectives[0].freshness']);
  });
});
