import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteSloHistory, type SqliteSloHistory } from '../../src/history-sqlite.js';
import { type CareMetrics, createCareMetrics, createSloEvaluator, type SloEvaluator } from '../../src/index.js';
import { DAY, MONDAY, TICK } from './simulation.js';
import { GROUPED_SLO, recordMix, type VendorMix, vendorDay } from './support/groupedSlo.js';

const SERVICE = 'medication-history';
const FIXTURE = new URL('./fixtures/history-schema1.sqlite', import.meta.url).pathname;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-history-'));
  dirs.push(dir);
  return dir;
}

class Service {
  readonly metrics: CareMetrics;
  readonly slo: SloEvaluator;
  constructor(clock: { now: number }, store?: SqliteSloHistory) {
    this.metrics = createCareMetrics({ service: SERVICE });
    this.slo = createSloEvaluator(this.metrics, [GROUPED_SLO], {
      now: () => clock.now,
      autoStart: false,
      ...(store === undefined ? {} : { history: store }),
    });
  }
}

describe('grouped SLO history in SQLite', () => {
  it('restores every group and the ranking, so a restarted evaluator agrees with one that never stopped', () => {
    const file = join(tmp(), 'slo-history.sqlite');
    const clock = { now: MONDAY };
    const twin = new Service(clock);
    let store = openSqliteSloHistory(file, { synchronous: 'normal' });
    let service = new Service(clock, store);
    twin.slo.tick();
    service.slo.tick();
    const run = (seconds: number, mix: (t: number) => VendorMix) => {
      for (let n = 0; n < seconds / TICK; n++) {
        clock.now += TICK * 1000;
        const m = mix((clock.now - MONDAY) / 1000);
        recordMix(twin.metrics, m);
        recordMix(service.metrics, m);
        twin.slo.tick();
        service.slo.tick();
      }
    };
    run(DAY, vendorDay);
    service.slo.close();
    store.close();
    store = openSqliteSloHistory(file, { synchronous: 'normal' });
    service = new Service(clock, store);
    // medi-sys fails a third of its calls for an hour after the restart.
    run(3600, (t) => ({ ...vendorDay(t), 'medi-sys': [4, 2] }));
    const want = twin.slo.status();
    const got = service.slo.status();
    expect(want.map((s) => s.group!.value)).toEqual(['apotheek-soft', 'medi-sys', '__other__']);
    expect(got.map((s) => s.group!.value)).toEqual(want.map((s) => s.group!.value));
    for (const [i, w] of want.entries()) {
      const g = got[i]!;
      expect(g.budgetRemaining).toBeCloseTo(w.budgetRemaining!, 9);
      expect(g.errorRatios).toEqual(w.errorRatios);
      expect(g.coverage).toEqual(w.coverage);
      expect(g.alerts).toEqual(w.alerts);
    }
    expect(got[1]!.alerts.some((a) => a.state === 'firing' && a.labels.vendor === 'medi-sys')).toBe(true);
    service.slo.close();
    store.close();
  });

  it('opens a history file of schema 1 without loss, upgrading it in place for grouped SLOs', () => {
    const file = join(tmp(), 'old.sqlite');
    copyFileSync(FIXTURE, file);
    const store = openSqliteSloHistory(file);
    // What the schema-1 store of @hartslag/metrics wrote: an hour of 10 calls a tick, one in ten ticks failing.
    const key = { service: SERVICE, slo: 'medication-history', operation: 'fetch-medication-history', group: '' };
    expect(store.load(key)?.lastTick).toBe(MONDAY + 3600_000);
    const minutes = store.buckets(key, 'minute', 0);
    expect(minutes.reduce((n, b) => n + b.total, 0)).toBe(1212);
    expect(minutes.reduce((n, b) => n + b.bad, 0)).toBe(12);
    // A grouped SLO now keeps its groups and ranking in the same file.
    const clock = { now: MONDAY + 3600_000 };
    const service = new Service(clock, store);
    service.slo.tick();
    clock.now += TICK * 1000;
    recordMix(service.metrics, vendorDay(0));
    service.slo.tick();
    expect(store.groups({ service: SERVICE, slo: 'by-vendor', operation: '', group: '' })).toEqual([
      '__other__',
      'apotheek-soft',
      'medi-sys',
    ]);
    service.slo.close();
    store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
  });
});
