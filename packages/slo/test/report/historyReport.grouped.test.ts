/**
 * `monthlyReportFromHistory` for a grouped SLO: a real in-process evaluator judges calls per
 * vendor into a SQLite history on two working days of November (ticks jump between them), and
 * the report gives one row per group it judged, with the writer's own tally per group.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCareMetrics, createSloEvaluator } from '@hartslag/metrics';
import { OTHER } from '@hartslag/metrics/contract';
import { openSqliteSloHistory } from '@hartslag/metrics/history-sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluatorObjectives } from '../../src/model/objectives.js';
import { monthlyReportFromHistory } from '../../src/report/historyReport.js';
import { monthRange } from '../../src/report/month.js';
import { parseSpec } from '../../src/spec/parseSpec.js';

const SERVICE = 'medication-history';
const TICK = 30;
const at = (iso: string) => Date.parse(iso) / 1000;
/** Six hours of each day, ticks at 15 and 45 seconds past the minute. */
const DAYS = [at('2026-11-10T08:00:15Z'), at('2026-11-20T08:00:15Z')];
const HOURS = 6;

/** Calls per tick per vendor: [ok, failed]; medi-sys fails for twenty minutes on the second day. */
function mix(t: number): Record<string, [number, number]> {
  const failing = t > at('2026-11-20T10:00:00Z') && t <= at('2026-11-20T10:20:00Z');
  return {
    'apotheek-soft': [6, 0],
    'medi-sys': failing ? [1, 3] : [4, 0],
    kleinsoft: [1, 0],
    'tiny-ict': [1, t % 300 === 15 ? 1 : 0],
  };
}

const SPEC = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: by-vendor
  annotations: { hartslag.dev/by: vendor, hartslag.dev/by-top: "2" }
spec:
  service: ${SERVICE}
  timeWindow: [{ duration: 30d, isRolling: true }]
  objectives: [{ target: 0.99 }]
  indicator:
    metadata: { name: calls }
    spec:
      ratioMetric:
        counter: true
        bad: { metricSource: { type: Prometheus, spec: { query: 'care_calls_total{service="${SERVICE}",outcome=~"server_error|timeout"}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'care_calls_total{service="${SERVICE}"}' } } }
`;

const dir = mkdtempSync(join(tmpdir(), 'hartslag-history-report-grouped-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the monthly report from the evaluator history of a grouped SLO', () => {
  it('has a row per vendor judged on its own, then __other__, each as the writer counted it', () => {
    const spec = parseSpec(SPEC, 'slos.yaml');
    const file = join(dir, 'slo-history.sqlite');
    const history = openSqliteSloHistory(file, { synchronous: 'normal' });
    const metrics = createCareMetrics({ service: SERVICE });
    let now = DAYS[0]! * 1000;
    const slo = createSloEvaluator(metrics, evaluatorObjectives(spec, SERVICE), {
      now: () => now,
      autoStart: false,
      history,
    });
    slo.tick();
    /** The writer's tally per vendor: [calls, failed]. */
    const tally = new Map<string, [number, number]>();
    for (const day of DAYS) {
      for (let t = day; t <= day + HOURS * 3600; t += TICK) {
        now = t * 1000;
        for (const [vendor, [ok, failed]] of Object.entries(mix(t))) {
          const call = { operation: 'fetch-medication-history', tenant: `pharmacy-of-${vendor}`, vendor };
          for (let i = 0; i < ok; i++) metrics.recordCall({ ...call, outcome: 'success', code: 200 });
          for (let i = 0; i < failed; i++) metrics.recordCall({ ...call, outcome: 'server_error', code: 503 });
          const c = tally.get(vendor) ?? [0, 0];
          tally.set(vendor, [c[0] + ok + failed, c[1] + failed]);
        }
        slo.tick();
      }
    }
    slo.close();
    const report = monthlyReportFromHistory(spec, monthRange('2026-11', 'UTC')!, history);
    history.close();
    const sum = (vendors: string[], i: 0 | 1) => vendors.reduce((n, v) => n + tally.get(v)![i], 0);
    expect(report.slos.map((r) => [r.group, r.calls, r.failedCalls])).toEqual([
      [{ vendor: 'apotheek-soft' }, sum(['apotheek-soft'], 0), 0],
      [{ vendor: 'medi-sys' }, sum(['medi-sys'], 0), sum(['medi-sys'], 1)],
      [{ vendor: OTHER }, sum(['kleinsoft', 'tiny-ict'], 0), sum(['kleinsoft', 'tiny-ict'], 1)],
    ]);
    expect(sum(['medi-sys'], 1)).toBe(40 * 3);
    expect(report.slos[1]!.availability).toBeCloseTo(1 - 120 / sum(['medi-sys'], 0), 12);
  }, 300_000);
});
