import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { type RunningPostgres, startPostgres } from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCareMetrics, createSloEvaluator, type SloStatus } from '../../src/index.js';
import { DAY, MONDAY, TICK } from './simulation.js';
import { GROUPED_SLO, recordMix, type VendorMix, vendorDay } from './support/groupedSlo.js';

const CHILD = new URL('./support/historyGroupedChild.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'hartslag-kill9-grouped-'));
let postgres: RunningPostgres | undefined;
beforeAll(async () => {
  postgres = await startPostgres({ settings: { fsync: 'off' } });
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const STORES: [string, () => Promise<string>][] = [
  ['SQLite', async () => `sqlite:${join(dir, 'slo-history.sqlite')}`],
  ['PostgreSQL', () => postgres!.createDatabase()],
];

/** A real service process keeping its grouped SLO's history, driven tick by tick over stdin. */
class ChildService {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;
  private readonly rl: Interface;
  constructor(where: string, startMs: number) {
    this.child = spawn(process.execPath, ['--import', 'tsx', CHILD, where, String(startMs)], { stdio: 'pipe' });
    this.child.stderr.on('data', (d) => process.stderr.write(d));
    this.rl = createInterface({ input: this.child.stdout });
    this.lines = this.rl[Symbol.asyncIterator]();
  }
  async statuses(): Promise<SloStatus[]> {
    const next = await this.lines.next();
    if (next.done) throw new Error('the service process ended');
    return JSON.parse(next.value) as SloStatus[];
  }
  async ticks(batch: [number, VendorMix][]): Promise<SloStatus[]> {
    this.child.stdin.write(`${JSON.stringify(batch)}\n`);
    return this.statuses();
  }
  async kill9(): Promise<void> {
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGKILL');
    await exited;
    this.rl.close();
  }
}

/** Within 0.1 % of the twin (relative; absolute for figures near zero). */
function agrees(got: number | undefined, want: number | undefined): boolean {
  if (got === undefined || want === undefined) return got === want;
  return Math.abs(got - want) <= 0.001 * Math.max(Math.abs(want), 1e-9);
}

describe.each(STORES)('grouped SLO history in %s across kill -9', (_, store) => {
  it('a killed and restarted service agrees with a twin that never restarted within 0.1%, group by group', async () => {
    const where = await store();
    let now = MONDAY;
    const metrics = createCareMetrics({ service: 'medication-history', registry: false });
    const twin = createSloEvaluator(metrics, [GROUPED_SLO], { now: () => now, autoStart: false });
    twin.tick();
    let child = new ChildService(where, now);
    await child.statuses();

    const run = async (seconds: number, mix: (t: number) => VendorMix) => {
      const batch: [number, VendorMix][] = [];
      for (let n = 0; n < seconds / TICK; n++) {
        now += TICK * 1000;
        const m = mix((now - MONDAY) / 1000);
        recordMix(metrics, m);
        twin.tick();
        batch.push([now, m]);
      }
      return child.ticks(batch);
    };
    const restart = async () => {
      await child.kill9();
      child = new ChildService(where, now);
      await child.statuses();
    };

    await run(DAY, vendorDay);
    await restart();
    await run(DAY / 2, vendorDay);
    await restart();
    // medi-sys fails a third of its calls; the service is killed ten minutes into it.
    const failing = (t: number): VendorMix => ({ ...vendorDay(t), 'medi-sys': [4, 2] });
    await run(600, failing);
    await restart();
    const got = await run(1200, failing);
    const want = twin.status();
    expect(want.map((s) => s.group!.value)).toEqual(['apotheek-soft', 'medi-sys', '__other__']);
    expect(got.map((s) => s.group!.value)).toEqual(want.map((s) => s.group!.value));
    for (const [i, w] of want.entries()) {
      const g = got[i]!;
      const at = w.group!.value;
      expect(agrees(g.budgetRemaining, w.budgetRemaining), at).toBe(true);
      expect(agrees(g.burnRates.current, w.burnRates.current), at).toBe(true);
      expect(agrees(g.burnRates.period, w.burnRates.period), at).toBe(true);
      for (const win of Object.keys(w.errorRatios))
        expect(agrees(g.errorRatios[win], w.errorRatios[win]), win).toBe(true);
      expect(g.coverage, at).toEqual(w.coverage);
      expect(
        g.alerts.map((a) => `${a.alertname}:${a.labels.tier}:${a.state}`),
        at,
      ).toEqual(w.alerts.map((a) => `${a.alertname}:${a.labels.tier}:${a.state}`));
    }
    expect(got[1]!.alerts.some((a) => a.state === 'firing' && a.severity === 'page')).toBe(true);
    await child.kill9();
  }, 300_000);
});
