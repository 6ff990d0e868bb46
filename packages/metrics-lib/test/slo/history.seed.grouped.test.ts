import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningPrometheus, startPrometheus } from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteSloHistory } from '../../src/history-sqlite.js';
import { createCareMetrics, createSloEvaluator, seedSloHistoryFromPrometheus } from '../../src/index.js';
import { GROUPED_SLO } from './support/groupedSlo.js';

const SERVICE = 'medication-history';
const MINUTE = 60;
const DAY = 86_400;
/** Two days of counters, ending at END (seconds). */
const END = Date.UTC(2026, 10, 20, 12) / 1000;
const FROM = END - 2 * DAY;

/** Calls per minute of each vendor: [ok, failed]. medi-sys fails one call in ten; the two small ones share __other__. */
const VENDORS: Record<string, (t: number) => [number, number]> = {
  'apotheek-soft': (t) => [30 + (t % 5), (t / MINUTE) % 50 === 0 ? 1 : 0],
  'medi-sys': () => [18, 2],
  kleinsoft: () => [3, 0],
  'tiny-ict': (t) => [1, (t / MINUTE) % 30 === 0 ? 1 : 0],
};

function openMetrics(): string {
  const lines = ['# TYPE care_vendor_calls counter'];
  for (const [vendor, calls] of Object.entries(VENDORS)) {
    for (const [outcome, i] of [
      ['success', 0],
      ['server_error', 1],
    ] as const) {
      const series = `care_vendor_calls_total{service="${SERVICE}",vendor="${vendor}",outcome="${outcome}"}`;
      let value = 0;
      lines.push(`${series} 0 ${FROM}`);
      for (let t = FROM + MINUTE; t <= END; t += MINUTE) lines.push(`${series} ${(value += calls(t)[i])} ${t}`);
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

/** The exact error ratio of `vendors` together over the last `window` seconds before END. */
function exact(vendors: string[], window: number): number {
  let total = 0;
  let failed = 0;
  for (let t = END - window + MINUTE; t <= END; t += MINUTE) {
    for (const v of vendors) {
      const [ok, bad] = VENDORS[v]!(t);
      total += ok + bad;
      failed += bad;
    }
  }
  return failed / total;
}

let prometheus: RunningPrometheus;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hartslag-seed-grouped-'));
  prometheus = await startPrometheus([], { backfill: openMetrics() });
}, 120_000);
afterAll(async () => {
  await prometheus?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('seeding a grouped SLO from Prometheus', () => {
  it('gives each of the top N vendors and __other__ the error ratios of the exact counts within 0.1%', async () => {
    const store = openSqliteSloHistory(join(dir, 'slo-history.sqlite'), { synchronous: 'normal' });
    const seeded = await seedSloHistoryFromPrometheus({
      url: prometheus.url,
      store,
      service: SERVICE,
      objectives: [GROUPED_SLO],
      now: END * 1000,
    });
    expect(seeded).toEqual([GROUPED_SLO.name]);
    const metrics = createCareMetrics({ service: SERVICE, registry: false });
    const slo = createSloEvaluator(metrics, [GROUPED_SLO], { now: () => END * 1000, autoStart: false, history: store });
    slo.tick();
    const byGroup = new Map(slo.status().map((s) => [s.group!.value, s]));
    expect([...byGroup.keys()]).toEqual(['apotheek-soft', 'medi-sys', '__other__']);
    for (const [group, vendors] of [
      ['apotheek-soft', ['apotheek-soft']],
      ['medi-sys', ['medi-sys']],
      ['__other__', ['kleinsoft', 'tiny-ict']],
    ] as const) {
      for (const [label, window] of [
        ['30d', 30 * DAY],
        ['1d', DAY],
        ['6h', 6 * 3600],
      ] as const) {
        const want = exact([...vendors], Math.min(window, 2 * DAY));
        const got = byGroup.get(group)!.errorRatios[label]!;
        expect(Math.abs(got - want) / want, `${group} ${label}`).toBeLessThan(0.001);
      }
    }
    expect(byGroup.get('medi-sys')!.coverage).toMatchObject({ seconds: 2 * DAY, collecting: true });
    store.close();
  }, 120_000);
});
