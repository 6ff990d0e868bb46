import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteSloHistory, type SqliteSloHistory } from '../../src/history-sqlite.js';
import { type CareMetrics, createCareMetrics, createSloEvaluator, type SloEvaluator } from '../../src/index.js';
import { DAY, MONDAY, TICK, type Traffic } from './simulation.js';
import { HISTORY_SLO, OPERATION, SERVICE } from './support/historySlo.js';

const SLO = HISTORY_SLO;

/** Busy days, quiet nights, one failed call in two hundred. */
export function usual(t: number): Traffic {
  const hour = Math.floor((t % DAY) / 3600);
  const ok = hour >= 7 && hour < 19 ? 30 : 3;
  return { ok, failed: Math.floor(t / TICK) % 200 === 0 ? 1 : 0 };
}

/** A service whose evaluator ticks when told, at the clock's time, optionally keeping history in `store`. */
class Service {
  readonly metrics: CareMetrics;
  readonly slo: SloEvaluator;
  constructor(clock: { now: number }, store?: SqliteSloHistory) {
    this.metrics = createCareMetrics({ service: SERVICE });
    this.slo = createSloEvaluator(this.metrics, [SLO], {
      now: () => clock.now,
      autoStart: false,
      ...(store === undefined ? {} : { history: store }),
    });
  }
  record({ ok, failed = 0 }: Traffic): void {
    for (let i = 0; i < ok; i++) this.metrics.recordCall({ operation: OPERATION, outcome: 'success', code: 200 });
    for (let i = 0; i < failed; i++) {
      this.metrics.recordCall({ operation: OPERATION, outcome: 'server_error', code: 503 });
    }
  }
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function historyFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-history-'));
  dirs.push(dir);
  return join(dir, 'slo-history.sqlite');
}

describe('evaluator history in SQLite', () => {
  it('continues budget, burn rates, a running outage and the silence baseline after a restart as if none happened', () => {
    const clock = { now: MONDAY };
    const file = historyFile();
    const twin = new Service(clock);
    let store = openSqliteSloHistory(file, { synchronous: 'normal' });
    let restarted = new Service(clock, store);
    twin.slo.tick();
    restarted.slo.tick();
    const run = (seconds: number, traffic: (t: number) => Traffic, each?: () => void) => {
      for (let n = 0; n < seconds / TICK; n++) {
        clock.now += TICK * 1000;
        const calls = traffic((clock.now - MONDAY) / 1000);
        twin.record(calls);
        restarted.record(calls);
        twin.slo.tick();
        restarted.slo.tick();
        each?.();
      }
    };
    // Eight days and ten hours: a week of baseline, then an outage that begins at 10:00.
    run(8 * DAY + 10 * 3600, usual);
    run(4 * 60, () => ({ ok: 0, failed: 30 }));
    // Counted from the last tick whose calls did not fail, as the rules count it.
    expect(twin.slo.status()[0]!.outage).toEqual({ active: true, seconds: 210, limit: 600 });

    // The crash: nothing is closed; a new process opens the same file with counters at zero.
    store = openSqliteSloHistory(file, { synchronous: 'normal' });
    restarted = new Service(clock, store);
    const compared: string[] = [];
    const same = () => {
      const [a, b] = [twin.slo.status()[0]!, restarted.slo.status()[0]!];
      expect(b).toEqual(a);
      compared.push(a.alerts.map((x) => `${x.alertname}:${x.state}`).join(','));
    };
    run(8 * 60, () => ({ ok: 0, failed: 30 }), same);
    // The outage ran on through the restart, past the 10-minute limit, as in the twin.
    expect(restarted.slo.status()[0]!.outage).toEqual({ active: true, seconds: 690, limit: 600 });
    expect(compared.at(-1)).toContain('HartslagOutageLimitBreached:firing');
    run(20 * 60, usual, same);
    // Calls stop at 10:32: the baseline from a week ago, restored, notices.
    run(10 * 60, () => ({ ok: 0 }), same);
    const end = restarted.slo.status()[0]!;
    expect(end.silence!.baseline).toBeCloseTo(30 / TICK, 12);
    expect(end.alerts.map((a) => a.alertname)).toContain('HartslagTrafficSilent');
    expect(end.budgetRemaining).toBeLessThan(1);
    expect(compared.length).toBe((38 * 60) / TICK);
    store.close();
  });

  it('after the process was down, budget and burn rates count what the twin counted', () => {
    const clock = { now: MONDAY };
    const file = historyFile();
    const twin = new Service(clock);
    let restarted = new Service(clock, openSqliteSloHistory(file, { synchronous: 'normal' }));
    twin.slo.tick();
    restarted.slo.tick();
    const step = (calls: Traffic, alive = true) => {
      clock.now += TICK * 1000;
      twin.record(calls);
      twin.slo.tick();
      if (alive) {
        restarted.record(calls);
        restarted.slo.tick();
      }
    };
    for (let t = TICK; t <= DAY; t += TICK) step(usual(t));
    // Down for ten minutes: no calls reach either (the twin's callers got no answer either).
    for (let n = 0; n < 20; n++) step({ ok: 0 }, false);
    restarted = new Service(clock, openSqliteSloHistory(file, { synchronous: 'normal' }));
    for (let t = 0; t < 3600; t += TICK) step({ ok: 10, failed: 1 });
    const [a, b] = [twin.slo.status()[0]!, restarted.slo.status()[0]!];
    expect(b.budgetRemaining).toBe(a.budgetRemaining);
    expect(b.burnRates).toEqual(a.burnRates);
    expect(b.errorRatios).toEqual(a.errorRatios);
    expect(b.silence!.baseline).toBe(a.silence!.baseline);
  });

  it('keeps minute buckets for the retention and no longer: bounded size', () => {
    const store = openSqliteSloHistory(historyFile(), { synchronous: 'normal' });
    const key = { service: SERVICE, slo: SLO.name, operation: OPERATION, group: '' };
    const state = (ms: number) => ({ firstAt: 0, lastTick: ms, lastInactive: undefined, wasActive: false, timers: [] });
    // One call an hour for 410 days, saved as ticks would be.
    for (let h = 0; h < 410 * 24; h++) {
      const s = h * 3600;
      store.save([{ key, fine: s / TICK, minute: s / 60, total: 1, bad: 0, state: state(s * 1000) }]);
    }
    const kept = store.minutes(key, 0, Number.MAX_SAFE_INTEGER);
    const last = (410 * 24 - 1) * 60;
    expect(kept.at(-1)!.slot).toBe(last);
    // Pruned hourly: what is older than 400 days (less up to an hour) is gone, the rest is there.
    expect(kept[0]!.slot).toBeGreaterThanOrEqual(last - 400 * 1440);
    expect(kept.length).toBeGreaterThanOrEqual(400 * 24 - 1);
    expect(kept.length).toBeLessThanOrEqual(400 * 24 + 1);
    expect(store.buckets(key, 'fine', 0).length).toBeLessThanOrEqual(25);
    store.close();
  });

  it('refuses a retention under 400 days and a file written by a newer version, saying how to fix it', () => {
    expect(() => openSqliteSloHistory(historyFile(), { retentionDays: 30 })).toThrow(/retentionDays.*≥ 400/);
    const file = historyFile();
    openSqliteSloHistory(file).close();
    const db = new Database(file);
    db.pragma('user_version = 9');
    db.close();
    expect(() => openSqliteSloHistory(file)).toThrow(
      expect.objectContaining({ code: 'HARTSLAG_ERR_HISTORY_STORE', message: expect.stringMatching(/newer/) }),
    );
  });

  it('refuses a history option that is not a store', () => {
    const metrics = createCareMetrics({ service: SERVICE });
    expect(() => createSloEvaluator(metrics, [SLO], { history: {} as never, autoStart: false })).toThrow(/history/);
  });
});
