import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningPrometheus, startPrometheus } from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteSloHistory } from '../../src/history-sqlite.js';
import { createCareMetrics, createSloEvaluator, seedSloHistoryFromPrometheus } from '../../src/index.js';
import { HISTORY_SLO, OPERATION, SERVICE } from './support/historySlo.js';

const MINUTE = 60;
const DAY = 86_400;
/** Three days of counters, ending at END (seconds). */
const END = Date.UTC(2026, 10, 20, 12) / 1000;
const FROM = END - 3 * DAY;

/** Calls in each minute, by the minute's end: uneven traffic, a failing stretch, a few stray errors. */
function minutes(): { t: number; ok: number; failed: number }[] {
  const out = [];
  for (let t = FROM + MINUTE; t <= END; t += MINUTE) {
    const hour = Math.floor((t % DAY) / 3600);
    const ok = hour >= 7 && hour < 19 ? 40 + (t % 7) : 2;
    const failed = t > END - 30 * 3600 && t <= END - 29.5 * 3600 ? 20 : (t / MINUTE) % 97 === 0 ? 1 : 0;
    out.push({ t, ok, failed });
  }
  return out;
}

function openMetrics(): string {
  const lines = ['# TYPE care_calls counter'];
  for (const [outcome, code, key] of [
    ['success', '200', 'ok'],
    ['server_error', '503', 'failed'],
  ] as const) {
    const series = `care_calls_total{service="${SERVICE}",operation="${OPERATION}",outcome="${outcome}",code="${code}"}`;
    let value = 0;
    lines.push(`${series} 0 ${FROM}`);
    for (const m of minutes()) lines.push(`${series} ${(value += m[key])} ${m.t}`);
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

/** Calls counted when the counters were made, in (END - window, END]. */
function exact(window: number): number {
  const inside = minutes().filter((m) => m.t > END - window);
  const calls = inside.reduce((n, m) => n + m.ok + m.failed, 0);
  return inside.reduce((n, m) => n + m.failed, 0) / calls;
}

let prometheus: RunningPrometheus;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hartslag-seed-'));
  prometheus = await startPrometheus([], { backfill: openMetrics() });
}, 120_000);
afterAll(async () => {
  await prometheus?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('seeding an empty evaluator history from Prometheus', () => {
  it('gives the evaluator the error ratios and budget of the exact counts within 0.1%, and seeds only once', async () => {
    const store = openSqliteSloHistory(join(dir, 'slo-history.sqlite'), { synchronous: 'normal' });
    const seed = () =>
      seedSloHistoryFromPrometheus({
        url: prometheus.url,
        store,
        service: SERVICE,
        objectives: [HISTORY_SLO],
        now: END * 1000,
      });
    expect(await seed()).toEqual([HISTORY_SLO.name]);
    expect(await seed()).toEqual([]);

    const metrics = createCareMetrics({ service: SERVICE });
    const slo = createSloEvaluator(metrics, [HISTORY_SLO], { now: () => END * 1000, autoStart: false, history: store });
    slo.tick();
    const status = slo.status()[0]!;
    for (const [label, window] of [
      ['30d', 30 * DAY],
      ['3d', 3 * DAY],
      ['1d', DAY],
      ['6h', 6 * 3600],
    ] as const) {
      const want = exact(window);
      expect(Math.abs(status.errorRatios[label]! - want) / want, label).toBeLessThan(0.001);
    }
    expect(Math.abs(status.budgetRemaining! - (1 - exact(30 * DAY) / 0.001))).toBeLessThan(0.001);
    // Three days of a 30-day window: collecting data.
    expect(status.coverage).toMatchObject({ seconds: 3 * DAY, collecting: true });
    store.close();
  }, 120_000);

  it('says how to fix an unreachable Prometheus', async () => {
    const store = openSqliteSloHistory(join(dir, 'other.sqlite'));
    await expect(
      seedSloHistoryFromPrometheus({ url: 'http://127.0.0.1:1', store, service: SERVICE, objectives: [HISTORY_SLO] }),
    ).rejects.toMatchObject({ code: 'HARTSLAG_ERR_HISTORY_STORE', message: expect.stringMatching(/Check the URL/) });
    store.close();
  });
});
