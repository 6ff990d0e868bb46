import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { type RunningPostgres, startPostgres } from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCareMetrics, createSloEvaluator, type SloStatus } from '../../src/index.js';
import { DAY, MONDAY, TICK } from './simulation.js';
import { HISTORY_SLO, OPERATION, SERVICE } from './support/historySlo.js';

const CHILD = new URL('./support/historyChild.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'hartslag-kill9-'));
let postgres: RunningPostgres | undefined;
beforeAll(async () => {
  // The database server stays up: it is the service process that is killed.
  postgres = await startPostgres({ settings: { fsync: 'off' } });
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Where each store keeps the history: a file, or a database of its own on the test's server. */
const STORES: [string, () => Promise<string>][] = [
  ['SQLite', async () => `sqlite:${join(dir, 'slo-history.sqlite')}`],
  ['PostgreSQL', () => postgres!.createDatabase()],
];

/** A real service process keeping its SLO history in `file`, driven tick by tick over stdin. */
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
  async status(): Promise<SloStatus> {
    const next = await this.lines.next();
    if (next.done) throw new Error('the service process ended');
    return JSON.parse(next.value) as SloStatus;
  }
  async ticks(batch: [number, number, number][]): Promise<SloStatus> {
    this.child.stdin.write(`${JSON.stringify(batch)}\n`);
    return this.status();
  }
  /** SIGKILL: no handler runs, nothing is flushed or closed. */
  async kill9(): Promise<void> {
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGKILL');
    await exited;
    this.rl.close();
  }
}

/** Busy days, quiet nights, one failed call in two hundred. */
function usual(t: number): [number, number] {
  const hour = Math.floor((t % DAY) / 3600);
  return [hour >= 7 && hour < 19 ? 30 : 3, Math.floor(t / TICK) % 200 === 0 ? 1 : 0];
}

/** Within 0.1 % of the twin (relative; absolute for figures near zero). */
function agrees(got: number | undefined, want: number | undefined): boolean {
  if (got === undefined || want === undefined) return got === want;
  return Math.abs(got - want) <= 0.001 * Math.max(Math.abs(want), 1e-9);
}

describe.each(STORES)('evaluator history in %s across kill -9', (_, store) => {
  it('a killed and restarted service agrees with a twin that never restarted within 0.1%', async () => {
    const file = await store();
    let now = MONDAY;
    const metrics = createCareMetrics({ service: SERVICE });
    const twin = createSloEvaluator(metrics, [HISTORY_SLO], { now: () => now, autoStart: false });
    twin.tick();
    let child = new ChildService(file, now);
    await child.status();

    /** Runs `seconds` of ticks in both, `traffic` giving [ok, failed] per tick; returns the child's status. */
    const run = async (seconds: number, traffic: (t: number) => [number, number]) => {
      const batch: [number, number, number][] = [];
      for (let n = 0; n < seconds / TICK; n++) {
        now += TICK * 1000;
        const [ok, failed] = traffic((now - MONDAY) / 1000);
        for (let i = 0; i < ok; i++) metrics.recordCall({ operation: OPERATION, outcome: 'success', code: 200 });
        for (let i = 0; i < failed; i++) {
          metrics.recordCall({ operation: OPERATION, outcome: 'server_error', code: 503 });
        }
        twin.tick();
        batch.push([now, ok, failed]);
      }
      return child.ticks(batch);
    };
    const restart = async () => {
      await child.kill9();
      child = new ChildService(file, now);
      await child.status();
    };

    // A week and a day of usual traffic (the silence baseline), killed twice on the way.
    await run(3 * DAY, usual);
    await restart();
    await run(5 * DAY + 10 * 3600, usual);
    await restart();
    // An outage begins at 10:00 on day 8; the service is killed four minutes into it.
    await run(4 * 60, () => [0, 30]);
    await restart();
    const during = await run(4 * 60, () => [0, 30]);
    const want = twin.status()[0]!;
    expect(want.outage!.seconds).toBe(450);
    expect(during.outage).toEqual(want.outage);
    expect(during.alerts.map((a) => `${a.alertname}:${a.state}`)).toEqual(
      want.alerts.map((a) => `${a.alertname}:${a.state}`),
    );
    expect(agrees(during.budgetRemaining, want.budgetRemaining)).toBe(true);
    expect(agrees(during.burnRates.current, want.burnRates.current)).toBe(true);
    expect(agrees(during.burnRates.period, want.burnRates.period)).toBe(true);

    // Calls stop after recovery: the restored week-old baseline notices it, as the twin's does.
    await run(20 * 60, usual);
    await restart();
    const silent = await run(6 * 60, () => [0, 0]);
    const twinSilent = twin.status()[0]!;
    expect(twinSilent.silence!.baseline).toBeGreaterThan(0);
    expect(agrees(silent.silence!.baseline, twinSilent.silence!.baseline)).toBe(true);
    expect(silent.silence!.silent).toBe(true);
    expect(silent.alerts.map((a) => a.alertname)).toEqual(twinSilent.alerts.map((a) => a.alertname));
    expect(agrees(silent.budgetRemaining, twinSilent.budgetRemaining)).toBe(true);
    expect(agrees(silent.burnRates.period, twinSilent.burnRates.period)).toBe(true);
    for (const w of Object.keys(twinSilent.errorRatios)) {
      expect(agrees(silent.errorRatios[w], twinSilent.errorRatios[w]), w).toBe(true);
    }
    await child.kill9();
  }, 300_000);
});
