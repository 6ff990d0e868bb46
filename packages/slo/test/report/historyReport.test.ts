/**
 * `hartslag slo report --history`: November counted from the SQLite history of a real in-process
 * evaluator (fake clock, 30-second ticks, restarted mid-month on the same file), month boundaries
 * at midnight in Amsterdam, a declared maintenance window left out. The expected figures are the
 * writer's own tally of the calls it recorded before each tick.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCareMetrics, createSloEvaluator } from '@hartslag/metrics';
import { openSqliteSloHistory } from '@hartslag/metrics/history-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { evaluatorObjectives } from '../../src/model/objectives.js';
import type { MonthlyReport } from '../../src/report/monthlyReport.js';
import { parseSpec } from '../../src/spec/parseSpec.js';

const SERVICE = 'medication-history';
const OPERATION = 'fetch-medication-history';
const MINUTE = 60;
const TICK = 30;
const at = (iso: string) => Date.parse(iso) / 1000;
/** November in Amsterdam (UTC+1). */
const MONTH = { start: at('2026-10-31T23:00:00Z'), end: at('2026-11-30T23:00:00Z') };
/** Ticks at 15 and 45 seconds past each minute, so every tick's calls belong to one minute. */
const FIRST_TICK = MONTH.start - 2 * 3600 + 15;
const LAST_TICK = MONTH.end + 3600;
/** The evaluator is stopped here and a new one opens the same file. */
const RESTART = at('2026-11-12T06:00:15Z');
/** Failing ticks (time in (from, to]): October's in Amsterdam, in maintenance, the month's outage, December's. */
const FAILING: [number, number][] = [
  [at('2026-10-31T22:30:00Z'), at('2026-10-31T22:50:00Z')],
  [at('2026-11-15T10:00:00Z'), at('2026-11-15T10:25:00Z')],
  [at('2026-11-22T14:00:00Z'), at('2026-11-22T14:07:00Z')],
  [at('2026-11-30T23:10:00Z'), at('2026-11-30T23:40:00Z')],
];
const MAINTENANCE = { from: '2026-11-15T09:55:00Z', to: '2026-11-15T10:30:00Z' };
/** Busy mornings, quiet nights: calls per tick by the hour of day (UTC). */
const perTick = (t: number) => (new Date(t * 1000).getUTCHours() >= 7 && new Date(t * 1000).getUTCHours() < 18 ? 5 : 1);

const SPEC = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${OPERATION}
  annotations: { hartslag.dev/max-outage: 10m }
spec:
  service: ${SERVICE}
  timeWindow: [{ duration: 30d, isRolling: true }]
  objectives: [{ target: 0.999 }]
  indicator:
    metadata: { name: calls }
    spec:
      ratioMetric:
        counter: true
        bad: { metricSource: { type: Prometheus, spec: { query: 'care_calls_total{service="${SERVICE}",operation="${OPERATION}",outcome=~"server_error|timeout"}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'care_calls_total{service="${SERVICE}",operation="${OPERATION}"}' } } }
`;

let dir: string;
/** The writer's tally: calls and failed calls it recorded before each tick, by tick time. */
const written: { t: number; calls: number; failed: number }[] = [];

/** One evaluator's life on the history file, from `from` to `to` (tick times, seconds). */
function live(file: string, from: number, to: number): void {
  const metrics = createCareMetrics({ service: SERVICE });
  const history = openSqliteSloHistory(file, { synchronous: 'normal' });
  let now = from * 1000;
  const spec = parseSpec(SPEC, 'slos.yaml');
  const slo = createSloEvaluator(metrics, evaluatorObjectives(spec, SERVICE), {
    now: () => now,
    autoStart: false,
    history,
  });
  // The first tick of a life takes the counters as its base: nothing recorded before it.
  slo.tick();
  for (let t = from + TICK; t <= to; t += TICK) {
    now = t * 1000;
    const calls = perTick(t);
    const failed = FAILING.some(([a, b]) => t > a && t <= b) ? calls : 0;
    for (let i = 0; i < calls - failed; i++)
      metrics.recordCall({ operation: OPERATION, outcome: 'success', code: 200 });
    for (let i = 0; i < failed; i++) metrics.recordCall({ operation: OPERATION, outcome: 'server_error', code: 503 });
    slo.tick();
    written.push({ t, calls, failed });
  }
  slo.stop();
  history.close();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hartslag-history-report-'));
  writeFileSync(join(dir, 'slos.yaml'), SPEC);
  writeFileSync(
    join(dir, 'maintenance.json'),
    JSON.stringify({ maintenance: [{ ...MAINTENANCE, slos: [OPERATION] }] }),
  );
  const file = join(dir, 'slo-history.sqlite');
  live(file, FIRST_TICK, RESTART);
  // The restart: the calls of the tick that was the old life's last are not counted twice.
  live(file, RESTART, LAST_TICK);
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function report(...flags: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(['slo', 'report', join(dir, 'slos.yaml'), '--month', '2026-11', ...flags], {
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  return { code, out, err };
}

describe('hartslag slo report --history, from a real evaluator’s SQLite history', () => {
  it('counts November in Amsterdam as the writer recorded it, maintenance left out', async () => {
    const r = await report(
      '--history',
      join(dir, 'slo-history.sqlite'),
      '--time-zone',
      'Europe/Amsterdam',
      '--maintenance',
      join(dir, 'maintenance.json'),
      '--format',
      'json',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const made = JSON.parse(r.out) as MonthlyReport;
    expect([made.from, made.to]).toEqual(['2026-10-31T23:00:00.000Z', '2026-11-30T23:00:00.000Z']);
    const skip = [at(MAINTENANCE.from), at(MAINTENANCE.to)];
    const kept = written.filter((w) => w.t >= MONTH.start && w.t < MONTH.end && !(w.t >= skip[0]! && w.t < skip[1]!));
    const calls = kept.reduce((n, w) => n + w.calls, 0);
    const failed = kept.reduce((n, w) => n + w.failed, 0);
    // Only the 7-minute outage is November's and outside maintenance: 14 ticks of 5 calls.
    expect(failed).toBe(14 * 5);
    expect(made.slos).toEqual([
      {
        slo: OPERATION,
        service: SERVICE,
        operation: OPERATION,
        objective: 0.999,
        calls,
        failedCalls: failed,
        availability: 1 - failed / calls,
        budgetUsed: failed / calls / (1 - 0.999),
        longestOutageSeconds: 7 * MINUTE,
        incidents: 1,
        maintenanceSeconds: 35 * MINUTE,
      },
    ]);
  }, 120_000);

  it('refuses a missing history file, and an SLO the history does not hold, by name', async () => {
    const missing = await report('--history', join(dir, 'nope.sqlite'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`no SLO history at ${join(dir, 'nope.sqlite')}`);
    const other = join(dir, 'other.yaml');
    writeFileSync(other, SPEC.replaceAll(SERVICE, 'prescriptions'));
    let err = '';
    const code = await run(
      ['slo', 'report', other, '--month', '2026-11', '--history', join(dir, 'slo-history.sqlite')],
      { out: () => {}, err: (t) => (err += t) },
    );
    expect(code).toBe(1);
    expect(err).toContain(`holds nothing of SLO fetch-prescriptions (service prescriptions)`);
  });

  it('takes exactly one source of calls', async () => {
    const both = await report('--history', join(dir, 'slo-history.sqlite'), '--prometheus', 'http://127.0.0.1:9');
    expect(both.code).toBe(2);
    expect(both.err).toContain('one of --prometheus <url> or --history <file.sqlite>');
    const none = await report();
    expect(none.code).toBe(2);
  });
});
