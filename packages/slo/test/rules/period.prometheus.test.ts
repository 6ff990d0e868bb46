/**
 * The 30-day error ratio the generated rules record, evaluated by the real Prometheus over a month
 * of uneven traffic (busy mornings, empty nights, a failing afternoon when few call, a failing
 * morning when many do): it must weigh each call once, as the exact counts do (issue 20 item 4).
 */
import { type RunningPrometheus, startPrometheus } from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRules } from '../../src/rules/generate.js';
import { SERIES } from '../../src/rules/names.js';
import { parseSpec } from '../../src/spec/parseSpec.js';

const SERVICE = 'medication-history';
const OPERATION = 'fetch-medication-history';
const MINUTE = 60;
const DAY = 86_400;
const END = Date.parse('2026-11-30T00:00:00Z') / 1000;
/** A day more than the window: the window's first sample is not the counters' first. */
const FROM = END - 31 * DAY;

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

let prometheus: RunningPrometheus;
beforeAll(async () => {
  prometheus = await startPrometheus([], { backfill: openMetrics() });
}, 180_000);
afterAll(async () => {
  await prometheus?.stop();
});

async function queryAt(promql: string, time: number): Promise<number> {
  const u = new URL('/api/v1/query', prometheus.url);
  u.search = new URLSearchParams({ query: promql, time: String(time) }).toString();
  const body = (await (await fetch(u)).json()) as { data: { result: { value: [number, string] }[] } };
  expect(body.data.result).toHaveLength(1);
  return Number(body.data.result[0]!.value[1]);
}

describe('the 30-day error ratio on the real Prometheus', () => {
  it('agrees with the exact counts of a month of uneven traffic within 0.1%', async () => {
    const rule = generateRules(parseSpec(SPEC, 'slos.yaml'))
      .groups.flatMap((g) => g.rules)
      .find((r) => 'record' in r && r.record === SERIES.errorRatio(30 * DAY));
    expect(rule).toBeDefined();
    const inside = minutes().filter((m) => m.t > END - 30 * DAY);
    const calls = inside.reduce((n, m) => n + m.ok + m.failed, 0);
    const failed = inside.reduce((n, m) => n + m.failed, 0);
    const got = await queryAt(rule!.expr, END);
    expect(Math.abs(got - failed / calls) / (failed / calls)).toBeLessThan(0.001);
    // The same minutes weighed by minute instead of by call would say something else entirely:
    // the test can tell the two apart.
    const byMinute = inside.filter((m) => m.ok + m.failed > 0);
    const minuteMean = byMinute.reduce((s, m) => s + m.failed / (m.ok + m.failed), 0) / byMinute.length;
    expect(Math.abs(minuteMean - failed / calls) / (failed / calls)).toBeGreaterThan(0.1);
  }, 120_000);
});
