import { describe, expect, it } from 'vitest';
import { SLI_WINDOWS } from '../../src/contract/alerting.js';
import { formatDuration } from '../../src/contract/duration.js';
import { createCareMetrics } from '../../src/index.js';
import { createSloEvaluator } from '../../src/slo/SloEvaluator.js';
import { AVAILABILITY, at, DAY, MONDAY, OPERATION, simulate, TICK, type Traffic } from './simulation.js';

/** Deterministic, uneven traffic: 1–13 calls a tick, some of them failing. */
function uneven(t: number): Traffic {
  const i = t / TICK;
  const ok = 1 + ((i * 7) % 13);
  return { ok, failed: i % 5 === 0 ? i % 3 : i % 97 === 0 ? 4 : 0 };
}

/** Every tick's traffic, to count windows by hand. */
class TrafficLog {
  private readonly ticks: Traffic[] = [];

  /** `uneven`, logged. */
  readonly traffic = (t: number): Traffic => {
    const traffic = uneven(t);
    this.ticks.push(traffic);
    return traffic;
  };

  get length(): number {
    return this.ticks.length;
  }

  /** Failed / all calls of the last `n` ticks. */
  ratio(n: number): number {
    let total = 0;
    let bad = 0;
    for (const { ok, failed = 0 } of this.ticks.slice(-n)) {
      total += ok + failed;
      bad += failed;
    }
    return bad / total;
  }
}

describe('error ratios', () => {
  it('count exactly the calls of the last w seconds for every window up to 6 hours, at every tick', () => {
    const sim = simulate([AVAILABILITY]);
    const log = new TrafficLog();
    const fine = SLI_WINDOWS.filter((w) => w <= 6 * 3600);
    let checked = 0;
    sim.run(7 * 3600, log.traffic, (status) => {
      for (const w of fine) expect(status.errorRatios[formatDuration(w)], formatDuration(w)).toBe(log.ratio(w / TICK));
      checked++;
    });
    expect(checked).toBe(840);
    expect(fine.map(formatDuration)).toEqual(['1m', '5m', '30m', '1h', '2h', '6h']);
  });

  it('count windows of a day and more in whole minutes: exact on the second tick of a minute, 30 s short on the first', () => {
    const sim = simulate([AVAILABILITY]);
    const log = new TrafficLog();
    let checked = 0;
    sim.run(at(1, 2), log.traffic, (status, t) => {
      if (t < DAY || t % 600 >= 60) return;
      const ticks = DAY / TICK - (t % 60 === 0 ? 1 : 0);
      expect(status.errorRatios['1d']).toBe(log.ratio(ticks));
      // Three days have not passed: the window holds everything since counting began.
      expect(status.errorRatios['3d']).toBe(log.ratio(log.length));
      expect(status.errorRatios['30d']).toBe(log.ratio(log.length));
      checked++;
    });
    expect(checked).toBe(25);
  });

  it('have no value without calls, and count only server errors and timeouts as spending the budget', () => {
    const sim = simulate([AVAILABILITY]);
    sim.run(60, () => ({ ok: 0 }));
    expect(sim.status().errorRatios).toEqual(
      Object.fromEntries([...SLI_WINDOWS, 30 * DAY].map((w) => [formatDuration(w), undefined])),
    );
    expect(sim.status().burnRates).toEqual({ current: undefined, period: undefined });
    expect(sim.status().budgetRemaining).toBeUndefined();

    sim.jump(TICK);
    for (const outcome of ['success', 'client_error', 'denied', 'server_error', 'timeout'] as const) {
      sim.metrics.recordCall({ operation: OPERATION, outcome });
    }
    sim.slo.tick();
    expect(sim.status().errorRatios['1m']).toBe(2 / 5);
  });

  it('leave out calls made before the first tick, which only takes the counters as its base', () => {
    const metrics = createCareMetrics({ service: 'medication-history', registry: false });
    for (let i = 0; i < 5; i++) metrics.recordCall({ operation: OPERATION, outcome: 'server_error' });
    let now = MONDAY;
    const slo = createSloEvaluator(metrics, [AVAILABILITY], { now: () => now, autoStart: false });
    expect(slo.status()[0]!.evaluatedAt).toBeUndefined();
    slo.tick();
    expect(slo.status()[0]!.evaluatedAt).toBe(MONDAY);
    expect(slo.status()[0]!.errorRatios['1m']).toBeUndefined();
    now += TICK * 1000;
    metrics.recordCall({ operation: OPERATION, outcome: 'success' });
    slo.tick();
    expect(slo.status()[0]!.errorRatios['1m']).toBe(0);
  });

  it('follow one operation when the SLO names it, and all operations when it does not', () => {
    const sim = simulate([
      { ...AVAILABILITY, name: 'history', operation: OPERATION },
      { ...AVAILABILITY, name: 'whole-service' },
    ]);
    sim.run(TICK, () => ({ ok: 3 }));
    sim.jump(TICK);
    sim.metrics.recordCall({ operation: 'register-dispensation', outcome: 'timeout' });
    sim.slo.tick();
    const [history, service] = sim.slo.status();
    expect(history!.errorRatios['1m']).toBe(0);
    expect(service!.errorRatios['1m']).toBe(1 / 4);
    expect(history!.operation).toBe(OPERATION);
    expect(service!.operation).toBeUndefined();
  });

  it('count again from zero after the counters are reset, as rate() does', () => {
    const sim = simulate([AVAILABILITY]);
    sim.run(60, () => ({ ok: 10, failed: 10 }));
    sim.metrics.registry!.resetMetrics();
    sim.run(TICK, () => ({ ok: 3, failed: 1 }));
    expect(sim.status().errorRatios['1m']).toBe(11 / 24);
    expect(sim.status().errorRatios['5m']).toBe(21 / 44);
  });
});
