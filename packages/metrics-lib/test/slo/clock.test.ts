import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCareMetrics, type HartslagError } from '../../src/index.js';
import { createSloEvaluator } from '../../src/slo/SloEvaluator.js';
import { AVAILABILITY, DAY, MONDAY, OPERATION, simulate, TICK } from './simulation.js';

const SLO = {
  ...AVAILABILITY,
  maxOutage: { limit: 600, warnAfter: 300, errorRatio: 0.5 },
  silence: { detectWithin: 180, baselineWeeks: 3, minExpectedRate: 0.1, ratio: 0.25 },
};

describe('ticks on an unreliable clock', () => {
  it('treat the minutes skipped by a 2-day sleep as minutes without calls', () => {
    const sim = simulate([SLO]);
    sim.run(3600, () => ({ ok: 9, failed: 1 }));
    sim.jump(2 * DAY);
    expect(() => sim.slo.tick()).not.toThrow();
    const s = sim.status();
    for (const w of ['1m', '5m', '30m', '1h', '2h', '6h', '1d']) expect(s.errorRatios[w], w).toBeUndefined();
    expect(s.errorRatios['3d']).toBe(0.1);
    expect(s.outage).toEqual({ active: false, seconds: 0, limit: 600 });
    expect(s.silence).toEqual({ rate: 0, baseline: undefined, silent: false });
    sim.run(120, () => ({ ok: 10 }));
    expect(sim.status().errorRatios['1m']).toBe(0);
    expect(sim.metrics.instrumentationErrors).toBe(0);
  });

  it('measure an outage seen on waking from the wake-up, not from before the sleep', () => {
    const sim = simulate([SLO]);
    sim.run(3600, () => ({ ok: 10 }));
    sim.jump(2 * DAY);
    sim.run(TICK, () => ({ ok: 0, failed: 10 }));
    expect(sim.status().outage).toEqual({ active: true, seconds: TICK, limit: 600 });
    expect(sim.status().alerts.filter((a) => a.alertname.startsWith('HartslagOutage'))).toEqual([]);
  });

  it('keep a pending page over missed ticks while its windows still hold the failed calls, restart it after a longer gap', () => {
    const sim = simulate([SLO]);
    sim.run(3600, () => ({ ok: 10 }));
    sim.run(90, () => ({ ok: 0, failed: 10 }));
    const pending = sim.status().alerts.find((a) => a.labels.long_window === '1h')!;
    expect(pending.state).toBe('pending');
    // Ten minutes: the missed evaluations saw the failed calls in stretched windows, as the rules would.
    sim.jump(10 * 60);
    sim.run(TICK, () => ({ ok: 0, failed: 10 }));
    const kept = sim.status().alerts.find((a) => a.labels.long_window === '1h')!;
    expect(kept).toMatchObject({ state: 'firing', activeSince: pending.activeSince });
    // Two hours: the 1-hour window emptied, the page condition had no value.
    sim.jump(2 * 3600);
    sim.run(TICK, () => ({ ok: 0, failed: 10 }));
    const again = sim.status().alerts.find((a) => a.labels.long_window === '1h')!;
    expect(again).toMatchObject({ state: 'pending', activeSince: sim.now });
  });

  it('add the calls of ticks at one stopped moment together', () => {
    const sim = simulate([SLO]);
    sim.run(TICK, () => ({ ok: 10 }));
    for (let i = 0; i < 5; i++) {
      sim.record({ ok: 1, failed: 1 });
      sim.slo.tick();
    }
    expect(sim.status().errorRatios['1m']).toBe(5 / 20);
    expect(sim.status().evaluatedAt).toBe(sim.now);
  });

  it('hold a clock set back at the latest tick', () => {
    const metrics = createCareMetrics({ service: 'medication-history' });
    const slo = createSloEvaluator(metrics, [SLO], { autoStart: false });
    slo.tick(MONDAY);
    metrics.recordCall({ operation: OPERATION, outcome: 'timeout' });
    slo.tick(MONDAY - 3600_000);
    expect(slo.status()[0]).toMatchObject({ evaluatedAt: MONDAY, errorRatios: { '1m': 1 } });
    metrics.recordCall({ operation: OPERATION, outcome: 'success' });
    slo.tick(MONDAY + TICK * 1000);
    expect(slo.status()[0]!.errorRatios['1m']).toBe(1 / 2);
  });

  it('count a clock that fails as an instrumentation error instead of throwing', () => {
    const warnings: HartslagError[] = [];
    const metrics = createCareMetrics({ service: 'medication-history', onWarning: (e) => warnings.push(e) });
    const clocks = [
      () => Number.NaN,
      () => {
        throw new Error('no clock');
      },
    ];
    for (const now of clocks) {
      const slo = createSloEvaluator(metrics, [SLO], { now, autoStart: false });
      expect(() => slo.tick()).not.toThrow();
      expect(slo.status()[0]!.evaluatedAt).toBeUndefined();
      slo.close();
    }
    expect(metrics.instrumentationErrors).toBe(2);
    expect(warnings.map((w) => [w.code, w.message])).toEqual([
      ['HARTSLAG_ERR_RECORD_INVALID', 'SLO evaluation failed: the clock gave NaN, not ms since the epoch'],
    ]);
  });
});

describe('the evaluator timer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks at once and then every 30 seconds until stopped', () => {
    vi.useFakeTimers({ now: MONDAY });
    const metrics = createCareMetrics({ service: 'medication-history' });
    const slo = createSloEvaluator(metrics, [SLO]);
    expect(slo.status()[0]!.evaluatedAt).toBe(MONDAY);
    metrics.recordCall({ operation: OPERATION, outcome: 'server_error' });
    vi.advanceTimersByTime(TICK * 1000);
    expect(slo.status()[0]).toMatchObject({ evaluatedAt: MONDAY + TICK * 1000, errorRatios: { '1m': 1 } });
    slo.stop();
    vi.advanceTimersByTime(10 * TICK * 1000);
    expect(slo.status()[0]!.evaluatedAt).toBe(MONDAY + TICK * 1000);
    slo.start();
    expect(slo.status()[0]!.evaluatedAt).toBe(MONDAY + 11 * TICK * 1000);
    slo.close();
  });

  it('does not keep the process alive', () => {
    const metrics = createCareMetrics({ service: 'medication-history' });
    const slo = createSloEvaluator(metrics, [SLO], { interval: 1 });
    const timer = (slo as unknown as { timer: NodeJS.Timeout }).timer;
    expect(timer.hasRef()).toBe(false);
    slo.close();
    expect((slo as unknown as { timer: unknown }).timer).toBeUndefined();
  });
});
