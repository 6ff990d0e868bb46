import { NOW_INTERVAL } from '../../contract/alerting.js';
import { DEFAULT_NAMESPACE, LABELS, metricNames } from '../../contract/names.js';
import { BUDGET_BURNING_OUTCOMES } from '../../contract/outcomes.js';
import type { SloObjective } from '../SloObjective.js';
import { baselineReach } from '../weeklyBaseline.js';
import { queryRangeBy, type SeedRange } from './queryRange.js';
import type { SloHistoryEntry, SloHistoryKey, SloHistoryStore } from './SloHistoryStore.js';
import { seedGrouped } from './seedGrouped.js';

const MINUTE = 60;
/** Prometheus answers at most 11,000 points per series and query_range; a chunk stays under that. */
const CHUNK_MINUTES = 10_000;

export interface SeedFromPrometheusOptions {
  /** Base URL of the Prometheus (or VictoriaMetrics, Thanos, Mimir) HTTP API, e.g. http://prometheus:9090. */
  url: string;
  store: SloHistoryStore;
  /** The service label of the calls, as given to createCareMetrics. */
  service: string;
  objectives: readonly SloObjective[];
  /** Metric namespace, default "care". */
  namespace?: string;
  /** The end of the seeded history (ms); default now. */
  now?: number;
  /** Default the global fetch; tests and proxies pass their own. */
  fetch?: typeof fetch;
}

/**
 * Fills an empty history from Prometheus: for each SLO the store has never seen, the calls and
 * budget-burning calls of each minute of its longest look-back (`query_range` of
 * `increase(care_calls_total[1m])`, step 1m), saved as ticks would have saved them. SLOs with
 * history are left alone. Call it before createSloEvaluator; returns the SLOs it seeded. Minute
 * figures come from `increase()`, which extrapolates: they are rounded to whole calls.
 * A PostgreSQL store reads at open: seed it, `await flush()`, and open it again.
 */
export async function seedSloHistoryFromPrometheus(options: SeedFromPrometheusOptions): Promise<string[]> {
  const { store, service, objectives } = options;
  const get = options.fetch ?? fetch;
  const calls = metricNames(options.namespace ?? DEFAULT_NAMESPACE).calls;
  const end = Math.floor((options.now ?? Date.now()) / 1000 / MINUTE) * MINUTE;
  const seeded: string[] = [];
  for (const o of objectives) {
    const key: SloHistoryKey = { service, slo: o.name, operation: o.operation ?? '', group: '' };
    if (store.load(key) !== undefined) continue;
    if (o.groupBy !== undefined) {
      const names = metricNames(options.namespace ?? DEFAULT_NAMESPACE);
      if (await seedGrouped(o, key, { url: options.url, end, get, store, names })) seeded.push(o.name);
      continue;
    }
    const span = Math.max(o.window, o.silence === undefined ? 0 : baselineReach(o.silence.baselineWeeks));
    const selector = [
      `${LABELS.service}=${JSON.stringify(service)}`,
      ...(o.operation === undefined ? [] : [`${LABELS.operation}=${JSON.stringify(o.operation)}`]),
    ];
    const bad = `${LABELS.outcome}=~${JSON.stringify(BUDGET_BURNING_OUTCOMES.join('|'))}`;
    const total = new Map<number, number>();
    const failed = new Map<number, number>();
    for (let from = end - span + MINUTE; from <= end; from += CHUNK_MINUTES * MINUTE) {
      const to = Math.min(end, from + (CHUNK_MINUTES - 1) * MINUTE);
      const range = { url: options.url, from, to, get };
      await queryRange(`sum(increase(${calls}{${selector.join(',')}}[1m]))`, range, total);
      await queryRange(`sum(increase(${calls}{${[...selector, bad].join(',')}}[1m]))`, range, failed);
    }
    if (total.size === 0) continue;
    // The increase up to T is what a tick at T would have counted: it goes in T's slots, so the
    // evaluator's window (end - w, end] holds the same minutes as increase(x[w]) at the end.
    const minutes = [...total.keys()].sort((a, b) => a - b);
    const firstAt = (minutes[0]! - MINUTE) * 1000;
    const entries: SloHistoryEntry[] = minutes.map((t) => ({
      key,
      fine: t / NOW_INTERVAL,
      minute: t / MINUTE,
      total: Math.round(total.get(t)!),
      bad: Math.round(failed.get(t) ?? 0),
      state: { firstAt, lastTick: t * 1000, lastInactive: t * 1000, wasActive: false, timers: [] },
    }));
    // The history ends where the seed does: a restore continues from `end`.
    entries.push({
      key,
      fine: end / NOW_INTERVAL,
      minute: end / MINUTE,
      total: 0,
      bad: 0,
      state: { firstAt, lastTick: end * 1000, lastInactive: end * 1000, wasActive: false, timers: [] },
    });
    for (let i = 0; i < entries.length; i += 1440) store.save(entries.slice(i, i + 1440));
    seeded.push(o.name);
  }
  return seeded;
}

/** Adds the values of a one-series query_range answer to `into`, by time (seconds). */
async function queryRange(promql: string, r: SeedRange, into: Map<number, number>): Promise<void> {
  await queryRangeBy(promql, r, undefined, (_, t, x) => into.set(t, (into.get(t) ?? 0) + x));
}
