/**
 * A freshness SLO judged twice on the same recorded pipeline traffic: the deliver stage records
 * its messages into @hartslag/metrics (end-to-end age from each message's own timestamp) while
 * the in-process evaluator ticks every 30 s; what the aggregate holds at each tick — the age
 * histogram's buckets and count, as a 30-second scrape would see them — is the input of the
 * generated rules in promtool. As in evaluator.test.ts: the same firing alerts every settled
 * minute, and a budget left within 0.01 of the evaluator's every 5 minutes.
 */
import { readFileSync } from 'node:fs';
import { createCareMetrics, createSloEvaluator, type SloStatus } from '@hartslag/metrics';
import { PIPELINE_METRICS } from '@hartslag/metrics/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { evaluatorObjectives } from '../../src/model/objectives.js';
import { generateRules, renderRules } from '../../src/rules/generate.js';
import { INHIBITORS } from '../../src/rules/names.js';
import { parseSpec } from '../../src/spec/parseSpec.js';
import { at, type PromqlExprTest, promtoolTest, report, t } from '../promtool/harness.js';
import { expandingNotation, type InputSeries } from '../promtool/series.js';

const STEP = 30;
/** One minute: how far apart the two may change their minds (Prometheus runs groups one by one). */
const SETTLE = 60;
const SERVICE = 'messaging';
// The golden freshness SLO (99% within 60 s over 30 days), with a coffee break: a backlog
// released stale for ten minutes is an outage of freshness too.
const spec = parseSpec(
  readFileSync(new URL('../../testdata/golden/in-freshness.yaml', import.meta.url), 'utf8').replace(
    'metadata:\n  name: messages-delivered-fresh\n',
    'metadata:\n  name: messages-delivered-fresh\n  annotations:\n    hartslag.dev/max-outage: 10m\n',
  ),
  'in-freshness.yaml',
);
const slo = spec.slos[0]!;
const rulesYaml = renderRules(generateRules(spec), 'agreement-freshness');
const SEL = `slo="${slo.name}"`;
const STAGE = { service: SERVICE, pipeline: 'send-message', stage: 'deliver' };

/** Messages the deliver stage hands on in the 30 s ending at `second`: how many of each age (s). */
type Delivery = (second: number) => ReadonlyArray<{ count: number; age: number }>;

interface Verdict {
  time: number;
  firing: string[];
  budgetRemaining: number | undefined;
}

beforeEach(() => {
  // Message ages come from Date.now(): the stage and the evaluator read one simulated clock.
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * Records the traffic and ticks the evaluator every step; returns its verdicts and the age
 * histogram's cumulative series as the aggregate held them at every tick.
 */
function record(deliveries: Delivery, length: number): { verdicts: Verdict[]; series: InputSeries[] } {
  vi.setSystemTime(0);
  const metrics = createCareMetrics({ service: SERVICE, registry: false });
  const evaluator = createSloEvaluator(metrics, evaluatorObjectives(spec, SERVICE), { autoStart: false });
  const stage = metrics.pipeline(STAGE.pipeline).stage(STAGE.stage);
  const verdicts: Verdict[] = [];
  const scraped = new Map<string, number[]>();
  const scrape = () => {
    const age = metrics.aggregate.family('messageAge');
    const h = age.histogram!;
    const width = h.bounds.length + 1;
    let cumulative = 0;
    for (let b = 0; b < width; b++) {
      cumulative += h.counts[b]!;
      const le = b < h.bounds.length ? String(h.bounds[b]) : '+Inf';
      push(scraped, `${PIPELINE_METRICS.messageAge}_bucket{${labels({ ...STAGE, le })}}`, cumulative);
    }
    push(scraped, `${PIPELINE_METRICS.messageAge}_count{${labels(STAGE)}}`, age.values[0]!);
  };
  evaluator.tick();
  scrape();
  for (let time = STEP; time <= length; time += STEP) {
    vi.setSystemTime(time * 1000);
    for (const { count, age } of deliveries(time)) {
      for (let n = 0; n < count; n++) stage.record('success', 0.002, (time - age) * 1000);
    }
    evaluator.tick();
    scrape();
    verdicts.push(verdict(time, evaluator.status()[0]!));
  }
  evaluator.close();
  const series = [...scraped].map(([name, values]) => ({ series: name, values: expandingNotation(values) }));
  return { verdicts, series };
}

function push(m: Map<string, number[]>, key: string, value: number): void {
  const list = m.get(key);
  if (list === undefined) m.set(key, [value]);
  else list.push(value);
}

function labels(l: Record<string, string>): string {
  return Object.entries(l)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',');
}

function verdict(time: number, status: SloStatus): Verdict {
  const firing = status.alerts
    .filter((a) => a.state === 'firing')
    .map((a) => {
      const picked = ['severity', 'long_window', 'coffee_break'].filter((k) => a.labels[k] !== undefined);
      return sorted({ alertname: a.alertname, ...Object.fromEntries(picked.map((k) => [k, a.labels[k]!])) });
    })
    .sort();
  return { time, firing, budgetRemaining: status.budgetRemaining };
}

function sorted(l: Record<string, string>): string {
  return `{${Object.entries(l)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ')}}`;
}

/** promtool checks at every settled minute in [from, to]: the same alerts; every 5 minutes the budget. */
function checksFor(verdicts: Verdict[], [from, to]: [number, number]): PromqlExprTest[] {
  const byTime = new Map(verdicts.map((v) => [v.time, v]));
  const same = (a: Verdict | undefined, b: Verdict) => a !== undefined && a.firing.join() === b.firing.join();
  const checked = verdicts.filter(
    (v) =>
      v.time >= from &&
      v.time <= to &&
      v.time % SETTLE === 0 &&
      same(byTime.get(v.time - SETTLE), v) &&
      same(byTime.get(v.time + SETTLE), v),
  );
  expect(checked.length).toBeGreaterThan((to - from) / SETTLE / 2);
  return checked.flatMap((v) => {
    const alerts: PromqlExprTest = {
      expr: `count by (alertname, severity, long_window, coffee_break) (ALERTS{alertstate="firing",alertname!="${INHIBITORS.pagedRecently}",${SEL}})`,
      eval_time: at(v.time),
      exp_samples: v.firing.map((l) => ({ labels: l, value: 1 })),
    };
    if (v.budgetRemaining === undefined || v.time % 300 !== 0) return [alerts];
    const budget: PromqlExprTest = {
      expr: `abs(slo:period_error_budget_remaining:ratio{${SEL}} - (${v.budgetRemaining})) <= bool 0.01`,
      eval_time: at(v.time),
      exp_samples: [{ labels: sorted({ service: SERVICE, slo: slo.name }), value: 1 }],
    };
    return [alerts, budget];
  });
}

const firingAt = (verdicts: Verdict[], time: number) => verdicts.find((v) => v.time === time)!.firing;

describe('the evaluator and the generated rules judge a freshness SLO alike', () => {
  it('when the deliver stage stalls for 15 minutes and then releases its backlog stale: the same pages, coffee break and budget', () => {
    const STALL = t('3h');
    const RELEASE = STALL + t('15m');
    const FRESH_AGAIN = RELEASE + t('10m');
    const LENGTH = FRESH_AGAIN + t('1h');
    // A usual 30 s: most messages within seconds, some near the minute, 2 in 300 later than it
    // (a 30 s or 120 s bucket in place of the 60 s one would judge this differently).
    const usual = [
      { count: 200, age: 2 },
      { count: 98, age: 45 },
      { count: 2, age: 90 },
    ];
    const deliveries: Delivery = (s) => {
      if (s <= STALL) return usual;
      if (s <= RELEASE) return [];
      // The backlog: fifteen minutes of messages, the oldest first, then the ones sent meanwhile.
      if (s <= FRESH_AGAIN) return [{ count: 750, age: 900 - (s - RELEASE) + 60 }];
      return usual;
    };
    const { verdicts, series } = record(deliveries, LENGTH);
    const run = promtoolTest('agreement: freshness', rulesYaml, [
      {
        name: 'stalled stage',
        interval: `${STEP}s`,
        input_series: series,
        alert_rule_test: [],
        promql_expr_test: checksFor(verdicts, [t('2h'), LENGTH - SETTLE]),
      },
    ]);
    expect(run.ok, report(run)).toBe(true);

    // While the stage holds its messages it delivers none: nothing more is judged stale yet.
    const beforeStall = verdicts.find((v) => v.time === STALL)!.budgetRemaining!;
    expect(beforeStall).toBeCloseTo(1 - 2 / 300 / 0.01, 9);
    expect(firingAt(verdicts, RELEASE)).toEqual([]);
    expect(verdicts.find((v) => v.time === RELEASE)!.budgetRemaining).toBe(beforeStall);
    expect(firingAt(verdicts, FRESH_AGAIN)).toEqual(
      [
        '{alertname="HartslagErrorBudgetBurn", long_window="1h", severity="page"}',
        '{alertname="HartslagErrorBudgetBurn", long_window="6h", severity="page"}',
        '{alertname="HartslagOutageLimitBreached", coffee_break="breached", severity="page"}',
        '{alertname="HartslagOutageRunning", coffee_break="warning", severity="page"}',
      ].sort(),
    );
    // 15,000 + 960 stale of 159,000 messages: the 1% budget is spent about ten times over.
    expect(verdicts.at(-1)!.budgetRemaining).toBeCloseTo(1 - 15_960 / 159_000 / 0.01, 9);
    expect(firingAt(verdicts, LENGTH).filter((f) => f.includes('"page"'))).toEqual([]);
  }, 900_000);
});
