/**
 * `hartslag slo report` against the real Prometheus, loaded with a month of counters written as
 * TSDB blocks (promtool tsdb create-blocks-from openmetrics): what it reports must equal the calls
 * counted when the counters were made, month boundaries at midnight in the time zone asked for.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningPrometheus, startPrometheus } from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { MonthlyReport } from '../../src/report/monthlyReport.js';

const SERVICE = 'medication-history';
const OPERATION = 'fetch-medication-history';
const MINUTE = 60;
const at = (iso: string) => Date.parse(iso) / 1000;
/** A minute is failing when its sample time (its end) falls in one of these [from, to) spans. */
const FAILING: [number, number][] = [
  // Amsterdam 31 October 23:00-23:05: October's, in Amsterdam time; November's in no zone.
  [at('2026-10-31T22:00:00Z'), at('2026-10-31T22:05:00Z')],
  // Amsterdam 1 November 00:30-00:40 (UTC+1): November's in Amsterdam, October's in UTC.
  [at('2026-10-31T23:30:00Z'), at('2026-10-31T23:40:00Z')],
  // The month's longest: 25 minutes.
  [at('2026-11-15T10:00:00Z'), at('2026-11-15T10:25:00Z')],
  // Amsterdam 1 December 00:30-00:35: December's there, November's in UTC.
  [at('2026-11-30T23:30:00Z'), at('2026-11-30T23:35:00Z')],
];
/** One failed call among nine good ones: counted, but no outage. */
const SINGLE = at('2026-11-20T08:00:00Z');
const FROM = at('2026-10-31T20:00:00Z');
const TO = at('2026-12-01T02:00:00Z');
const PER_MINUTE = 10;

/** Calls and failed calls in each minute, by the minute's end. */
function minutes(): { t: number; ok: number; failed: number }[] {
  const out = [];
  for (let t = FROM + MINUTE; t <= TO; t += MINUTE) {
    const failing = FAILING.some(([a, b]) => t > a && t <= b);
    const failed = failing ? PER_MINUTE : t === SINGLE ? 1 : 0;
    out.push({ t, ok: PER_MINUTE - failed, failed });
  }
  return out;
}

/** The counters as a 60-second scrape would have stored them, in OpenMetrics text. */
function openMetrics(): string {
  const lines = ['# TYPE care_calls counter'];
  for (const [outcome, code, key] of [
    ['success', '200', 'ok'],
    ['server_error', '503', 'failed'],
  ] as const) {
    let value = 0;
    lines.push(
      `care_calls_total{service="${SERVICE}",operation="${OPERATION}",outcome="${outcome}",code="${code}"} 0 ${FROM}`,
    );
    for (const m of minutes()) {
      value += m[key];
      lines.push(
        `care_calls_total{service="${SERVICE}",operation="${OPERATION}",outcome="${outcome}",code="${code}"} ${value} ${m.t}`,
      );
    }
  }
  // By vendor: vendor-a makes every call above (the failing ones too), vendor-b 5 good calls a
  // minute, vendor-c 1; with by-top 2, vendor-c is reported as __other__.
  lines.push('# TYPE care_vendor_calls counter');
  for (const [vendor, outcome, count] of [
    ['vendor-a', 'success', (m: Minute) => m.ok],
    ['vendor-a', 'server_error', (m: Minute) => m.failed],
    ['vendor-b', 'success', () => VENDOR_B],
    ['vendor-c', 'success', () => VENDOR_C],
  ] as const) {
    const series = `care_vendor_calls_total{service="${SERVICE}",vendor="${vendor}",outcome="${outcome}"}`;
    let value = 0;
    lines.push(`${series} 0 ${FROM}`);
    for (const m of minutes()) {
      value += count(m);
      // The steady vendors are sampled every 5 minutes (on the month's boundaries too), to keep the backfill small.
      if (vendor === 'vendor-a' || m.t % 300 === 0) lines.push(`${series} ${value} ${m.t}`);
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

type Minute = ReturnType<typeof minutes>[number];
const VENDOR_B = 5;
const VENDOR_C = 1;

/** Calls counted when the counters were made, in the month (start, end]. */
function exact(start: number, end: number): { calls: number; failed: number } {
  const inMonth = minutes().filter((m) => m.t > start && m.t <= end);
  return { calls: inMonth.reduce((n, m) => n + m.ok + m.failed, 0), failed: inMonth.reduce((n, m) => n + m.failed, 0) };
}

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

const GROUPED_SPEC = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: by-vendor
  annotations: { hartslag.dev/by: vendor, hartslag.dev/by-top: "2" }
spec:
  service: ${SERVICE}
  timeWindow: [{ duration: 30d, isRolling: true }]
  objectives: [{ target: 0.999 }]
`;

let prometheus: RunningPrometheus;
let dir: string;
let specFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hartslag-report-'));
  specFile = join(dir, 'slos.yaml');
  writeFileSync(specFile, SPEC);
  writeFileSync(join(dir, 'grouped.yaml'), GROUPED_SPEC);
  prometheus = await startPrometheus([], { backfill: openMetrics() });
}, 300_000);

afterAll(async () => {
  await prometheus?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function report(...flags: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(['slo', 'report', specFile, '--month', '2026-11', '--prometheus', prometheus.url, ...flags], {
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  return { code, out, err };
}

describe('hartslag slo report --month 2026-11, from the real Prometheus', () => {
  it('reports a grouped SLO per vendor, the top 2 and __other__, each counted exactly', async () => {
    let out = '';
    const code = await run(
      [
        'slo',
        'report',
        join(dir, 'grouped.yaml'),
        '--month',
        '2026-11',
        '--prometheus',
        prometheus.url,
        '--format',
        'json',
      ],
      { out: (t) => (out += t), err: () => {} },
    );
    expect(code).toBe(0);
    const made = JSON.parse(out) as MonthlyReport;
    const { calls, failed } = exact(at(made.from), at(made.to));
    const minutesInMonth = (at(made.to) - at(made.from)) / MINUTE;
    const row = (vendor: string, n: number, f: number) => ({
      slo: 'by-vendor',
      group: { vendor },
      calls: n,
      failedCalls: f,
      budgetUsed: f / n / (1 - 0.999),
    });
    expect(made.slos).toMatchObject([
      row('vendor-a', calls, failed),
      row('vendor-b', VENDOR_B * minutesInMonth, 0),
      row('__other__', VENDOR_C * minutesInMonth, 0),
    ]);
    expect(made.slos[0]).toMatchObject({ longestOutageSeconds: 25 * MINUTE, incidents: 2 });
  }, 60_000);

  it('counts November in Amsterdam exactly: availability, budget used, longest outage, incidents', async () => {
    const r = await report('--time-zone', 'Europe/Amsterdam', '--format', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const made = JSON.parse(r.out) as MonthlyReport;
    // Midnight in Amsterdam is 23:00 UTC in November (winter time).
    expect([made.from, made.to]).toEqual(['2026-10-31T23:00:00.000Z', '2026-11-30T23:00:00.000Z']);
    const { calls, failed } = exact(at(made.from), at(made.to));
    // The 10- and 25-minute outages and the single failed call.
    expect(failed).toBe(100 + 250 + 1);
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
        longestOutageSeconds: 25 * MINUTE,
        incidents: 2,
      },
    ]);
  }, 60_000);

  it('counts November in UTC apart: its midnights, its outages', async () => {
    const made = JSON.parse((await report('--format', 'json')).out) as MonthlyReport;
    expect([made.from, made.to]).toEqual(['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
    const { calls, failed } = exact(at(made.from), at(made.to));
    expect(failed).toBe(250 + 1 + 50);
    expect(made.slos[0]).toMatchObject({ calls, failedCalls: failed, longestOutageSeconds: 25 * MINUTE, incidents: 2 });
  }, 60_000);

  it('writes CSV and a printable HTML page of the same figures', async () => {
    const csv = (await report('--time-zone', 'Europe/Amsterdam')).out.split('\r\n');
    expect(csv[0]).toBe(
      'slo,service,operation,objective,calls,failed_calls,availability,budget_used,longest_outage_seconds,incidents,group',
    );
    const { calls } = exact(at('2026-10-31T23:00:00Z'), at('2026-11-30T23:00:00Z'));
    expect(csv[1]).toMatch(
      new RegExp(`^${OPERATION},${SERVICE},${OPERATION},0.999,${calls},351,[0-9.]+,[0-9.]+,1500,2,$`),
    );
    const html = (await report('--time-zone', 'Europe/Amsterdam', '--format', 'html')).out;
    expect(html).toContain('<h1>Availability 2026-11</h1>');
    expect(html).toContain('<td>25 min</td><td>2</td>');
    expect(html).toContain('@media print');
  }, 60_000);

  it('leaves the minutes of declared maintenance out, for the SLOs it covers', async () => {
    const file = join(dir, 'maintenance.json');
    writeFileSync(
      file,
      JSON.stringify({
        maintenance: [
          // Around the 25-minute outage: planned, so it spends no budget.
          { from: '2026-11-15T09:55:00Z', to: '2026-11-15T10:30:00Z', slos: [OPERATION] },
          { from: '2026-11-20T07:00:00Z', to: '2026-11-20T09:00:00Z', slos: ['another-slo'] },
        ],
      }),
    );
    const r = await report('--time-zone', 'Europe/Amsterdam', '--format', 'json', '--maintenance', file);
    expect(r.err).toBe('');
    const made = JSON.parse(r.out) as MonthlyReport;
    const all = exact(at(made.from), at(made.to));
    const planned = exact(at('2026-11-15T09:55:00Z'), at('2026-11-15T10:30:00Z'));
    expect(planned).toEqual({ calls: 35 * PER_MINUTE, failed: 250 });
    expect(made.slos[0]).toMatchObject({
      calls: all.calls - planned.calls,
      failedCalls: all.failed - planned.failed,
      availability: 1 - (all.failed - planned.failed) / (all.calls - planned.calls),
      longestOutageSeconds: 10 * MINUTE,
      incidents: 1,
      maintenanceSeconds: 35 * MINUTE,
    });
  }, 60_000);

  it('refuses a maintenance file whose window ends before it starts, naming the entry', async () => {
    const file = join(dir, 'bad-maintenance.json');
    writeFileSync(
      file,
      JSON.stringify({ maintenance: [{ from: '2026-11-15T10:00:00Z', to: '2026-11-15T09:00:00Z' }] }),
    );
    const r = await report('--maintenance', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('maintenance[0]: "from" and "to" must be ISO instants with "to" after "from"');
  });

  it('says which Prometheus it cannot reach, and exits 1', async () => {
    let err = '';
    const code = await run(['slo', 'report', specFile, '--month', '2026-11', '--prometheus', 'http://127.0.0.1:1'], {
      out: () => {},
      err: (t) => (err += t),
    });
    expect(code).toBe(1);
    expect(err).toContain('cannot reach Prometheus at http://127.0.0.1:1');
  });

  it.each([
    [['--month', '2026-13', '--prometheus', 'http://x'], '--month must be YYYY-MM'],
    [['--month', '2026-11', '--prometheus', 'http://x', '--format', 'pdf'], '--format must be one of csv, json, html'],
    [['--month', '2026-11', '--prometheus', 'http://x', '--time-zone', 'Mars/Olympus'], '--time-zone must be'],
    [['--month', '2026-11'], 'report needs --month YYYY-MM and one of --prometheus <url> or --history'],
  ])('refuses %j with a usage error', async (flags, message) => {
    let err = '';
    const code = await run(['slo', 'report', specFile, ...flags], { out: () => {}, err: (t) => (err += t) });
    expect(code).toBe(2);
    expect(err).toContain(message);
  });
});
