/**
 * The 30-day error ratio as sums of recorded 5-minute steps (rules/promql.ts stepCount,
 * periodErrorRatio), evaluated by the real Prometheus over a month
 * of uneven traffic (busy mornings, empty nights, a failing afternoon when few call, a failing
 * morning when many do): it must weigh each call once, as the exact counts do (issue 20 item 4).
 *
 * A rule evaluation is an instant query at its instant, so the period group's evaluations over a
 * month are replayed as one range query at its 5-minute steps, keeping the instants at which the
 * group ran: the step series' own earlier samples (which the rules read to find the previous
 * step) are backfilled at exactly those instants. The recorded steps then go into a second
 * Prometheus, where the ratio reads them.
 */
import { PERIOD_CATCH_UP } from '@hartslag/metrics/contract';
import { startPrometheus } from '@hartslag/testkit';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/model/duration.js';
import { generateRules } from '../../src/rules/generate.js';
import { isPeriodGroup, SERIES } from '../../src/rules/names.js';
import { parseSpec } from '../../src/spec/parseSpec.js';

const SERVICE = 'medication-history';
const OPERATION = 'fetch-medication-history';
const MINUTE = 60;
const DAY = 86_400;
const END = Date.parse('2026-11-30T00:00:00Z') / 1000;
/** A day more than the window: the window's first sample is not the counters' first. */
const FROM = END - 31 * DAY;
const STEP = 300;
const LABELS = `{slo="${OPERATION}",service="${SERVICE}",operation="${OPERATION}"}`;

/** Calls per minute by the minute's end: the morning peak holds most calls; a night minute holds one. */
function minutes(): { t: number; ok: number; failed: number }[] {
  const out = [];
  for (let t = FROM + MINUTE; t <= END; t += MINUTE) {
    const hour = Math.floor((t % DAY) / 3600);
    const day = Math.floor((t - FROM) / DAY);
    const calls = hour >= 8 && hour < 11 ? 120 : hour >= 7 && hour < 19 ? 20 : 1;
    // Day 10: every call fails for an hour at the peak; day 20: every call fails all night (few calls).
    const failing = (day === 10 && hour === 9) || (day === 20 && (hour < 6 || hour >= 22));
    const failed = failing ? calls : (t / MINUTE) % 211 === 0 ? Math.min(1, calls) : 0;
    out.push({ t, ok: calls - failed, failed });
  }
  return out;
}

/** The counters as scraped every minute, but for `unscraped` ([from, to)): no samples then, the counters count on. */
function openMetrics(ran: number[], unscraped: [number, number] = [0, 0]): string {
  const lines = ['# TYPE care_calls counter'];
  for (const [outcome, code, key] of [
    ['success', '200', 'ok'],
    ['server_error', '503', 'failed'],
  ] as const) {
    const series = `care_calls_total{service="${SERVICE}",operation="${OPERATION}",outcome="${outcome}",code="${code}"}`;
    let value = 0;
    lines.push(`${series} 0 ${FROM}`);
    for (const m of minutes()) {
      value += m[key];
      if (m.t < unscraped[0] || m.t >= unscraped[1]) lines.push(`${series} ${value} ${m.t}`);
    }
  }
  // Only whether a step was recorded matters to the rules, not its value.
  lines.push(`# TYPE ${SERIES.stepCalls} gauge`, ...ran.map((t) => `${SERIES.stepCalls}${LABELS} 0 ${t}`));
  return `${lines.join('\n')}\n# EOF\n`;
}

const SPEC = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${OPERATION}
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

const sel = `{slo="${OPERATION}"}`;
/** The generated period group's rules, in the order Prometheus runs them. */
const period = generateRules(parseSpec(SPEC, 'slos.yaml')).groups.find(isPeriodGroup)!;
const EXPRS: Record<string, string> = Object.fromEntries(
  period.rules.flatMap((r) => ('record' in r ? [[r.record, r.expr]] : [])),
);
function expr(record: string): string {
  return EXPRS[record]!;
}

interface Range {
  data: { result: { values: [number, string][] }[] };
}

/** The steps the period group records at the instants `ran` (every 5 minutes but for missed ones). */
async function recordSteps(
  ran: number[],
  unscraped?: [number, number],
): Promise<{ t: number; calls: number; failed: number }[]> {
  const prometheus = await startPrometheus([], { backfill: openMetrics(ran, unscraped) });
  try {
    const range = async (promql: string) => {
      const u = new URL('/api/v1/query_range', prometheus.url);
      u.search = new URLSearchParams({
        query: promql,
        start: String(FROM + STEP),
        end: String(END),
        step: String(STEP),
      }).toString();
      const body = (await (await fetch(u)).json()) as Range;
      expect(body.data.result).toHaveLength(1);
      return new Map(body.data.result[0]!.values.map(([t, v]) => [t, Number(v)]));
    };
    // The calls step recorded at an instant is backfilled already: its own guard (no step in the
    // last 5 minutes) would hide it. The replayed instants are a step apart: the guard is left off.
    const guard = / unless on\(\) count\(last_over_time\([^[]+\[4m59s\]\)\)$/;
    expect(expr(SERIES.stepCalls)).toMatch(guard);
    const calls = await range(expr(SERIES.stepCalls).replace(guard, ''));
    const failed = await range(expr(SERIES.stepFailedCalls));
    return ran.map((t) => ({ t, calls: calls.get(t) ?? Number.NaN, failed: failed.get(t) ?? Number.NaN }));
  } finally {
    await prometheus.stop();
  }
}

/** The generated 30-day ratio at the month's end, read by a Prometheus holding the recorded steps. */
async function ratioFrom(steps: { t: number; calls: number; failed: number }[]): Promise<number> {
  const text = [
    `# TYPE ${SERIES.stepCalls} gauge`,
    ...steps.map((s) => `${SERIES.stepCalls}${LABELS} ${s.calls} ${s.t}`),
    `# TYPE ${SERIES.stepFailedCalls} gauge`,
    ...steps.map((s) => `${SERIES.stepFailedCalls}${LABELS} ${s.failed} ${s.t}`),
    '# EOF',
    '',
  ].join('\n');
  const prometheus = await startPrometheus([], { backfill: text });
  try {
    const u = new URL('/api/v1/query', prometheus.url);
    u.search = new URLSearchParams({ query: expr(SERIES.errorRatio(30 * DAY)), time: String(END) }).toString();
    const body = (await (await fetch(u)).json()) as { data: { result: { value: [number, string] }[] } };
    expect(body.data.result).toHaveLength(1);
    return Number(body.data.result[0]!.value[1]);
  } finally {
    await prometheus.stop();
  }
}

const inside = minutes().filter((m) => m.t > END - 30 * DAY);
const calls = inside.reduce((n, m) => n + m.ok + m.failed, 0);
const failed = inside.reduce((n, m) => n + m.failed, 0);
const within = (got: number, want: number) => Math.abs(got - want) / want;
const every = Array.from({ length: (END - FROM) / STEP }, (_, i) => FROM + STEP * (i + 1));

describe('the 30-day error ratio on the real Prometheus', () => {
  it('is what the generated period group records, the steps before the ratio that sums them', () => {
    const order = period.rules.map((r) => ('record' in r ? r.record : ''));
    expect(period.interval).toBe('5m');
    expect(order.indexOf(SERIES.stepCalls)).toBeLessThan(order.indexOf(SERIES.stepFailedCalls));
    expect(order.indexOf(SERIES.stepFailedCalls)).toBeLessThan(order.indexOf(SERIES.errorRatio(30 * DAY)));
    // The month is read from the steps; the raw counters only over the catch-up window, which
    // stands in until a step has counted a call.
    const raw = [...expr(SERIES.errorRatio(30 * DAY)).matchAll(/care_calls_total\{[^}]*\}\[([^\]]+)\]/g)];
    expect(new Set(raw.map((m) => m[1]))).toEqual(new Set([formatDuration(PERIOD_CATCH_UP)]));
    expect(expr(SERIES.errorRatio(30 * DAY))).toContain(`sum_over_time(${SERIES.stepCalls}${sel}[29d23h59m59s])`);
  });

  it('agrees with the exact counts of a month of uneven traffic within 0.1%', async () => {
    const steps = await recordSteps(every);
    const month = steps.filter((s) => s.t > END - 30 * DAY);
    expect(
      within(
        month.reduce((n, s) => n + s.calls, 0),
        calls,
      ),
    ).toBeLessThan(0.001);
    expect(
      within(
        month.reduce((n, s) => n + s.failed, 0),
        failed,
      ),
    ).toBeLessThan(0.001);
    expect(within(await ratioFrom(steps), failed / calls)).toBeLessThan(0.001);
    // The same minutes weighed by minute instead of by call would say something else entirely:
    // the test can tell the two apart.
    const byMinute = inside.filter((m) => m.ok + m.failed > 0);
    const minuteMean = byMinute.reduce((s, m) => s + m.failed / (m.ok + m.failed), 0) / byMinute.length;
    expect(within(minuteMean, failed / calls)).toBeGreaterThan(0.1);
  }, 600_000);

  it('counts the calls of evaluations missed while Prometheus restarted, and of a scrape gap, in the step after', async () => {
    // Down for 25 minutes in the failing peak hour of day 10 (day 0 is FROM's): 4 steps never ran.
    const down = FROM + 10 * DAY + 9 * 3600 + 5 * 60;
    const ran = every.filter((t) => t < down || t > down + 15 * 60);
    expect(every.length - ran.length).toBe(4);
    // And the service unscraped for 40 minutes of a busy morning on day 15 (a network partition).
    const gap: [number, number] = [FROM + 15 * DAY + 8 * 3600 + 10 * 60, FROM + 15 * DAY + 8 * 3600 + 50 * 60];
    const steps = await recordSteps(ran, gap);
    const after = steps.find((s) => s.t > down)!;
    // The step after the partition counts every call since the last sample before it: the 40
    // unscraped minutes and the step's own.
    // Scraping resumes at gap[1], a step's instant: that step holds them.
    const resumed = steps.find((s) => s.t >= gap[1])!;
    expect(resumed.t).toBe(gap[1]);
    const unseen = minutes()
      .filter((m) => m.t >= gap[0] && m.t <= resumed.t)
      .reduce((n, m) => n + m.ok + m.failed, 0);
    expect(resumed.calls).toBe(unseen);
    // The first step after the restart holds 25 minutes of the peak: 120 calls a minute, all failing.
    expect(within(after.calls, 25 * 120)).toBeLessThan(0.01);
    expect(within(after.failed, 25 * 120)).toBeLessThan(0.01);
    const month = steps.filter((s) => s.t > END - 30 * DAY);
    expect(
      within(
        month.reduce((n, s) => n + s.calls, 0),
        calls,
      ),
    ).toBeLessThan(0.001);
    expect(
      within(
        month.reduce((n, s) => n + s.failed, 0),
        failed,
      ),
    ).toBeLessThan(0.001);
    expect(within(await ratioFrom(steps), failed / calls)).toBeLessThan(0.001);
  }, 600_000);
});
