import { NOW_INTERVAL } from '../../contract/alerting.js';
import { SLO_GROUP_FAMILIES } from '../../contract/groups.js';
import { LABELS, type MetricNames, OTHER } from '../../contract/names.js';
import { BUDGET_BURNING_OUTCOMES } from '../../contract/outcomes.js';
import { GroupRanking, type RankBucket } from '../GroupRanking.js';
import type { SloObjective } from '../SloObjective.js';
import { queryRangeBy } from './queryRange.js';
import type { SloHistoryEntry, SloHistoryKey, SloHistoryStore } from './SloHistoryStore.js';

const MINUTE = 60;
const CHUNK_MINUTES = 10_000;

interface GroupedSeed {
  url: string;
  /** The end of the seeded history, seconds on a whole minute. */
  end: number;
  get: typeof fetch;
  store: SloHistoryStore;
  names: MetricNames;
}

/**
 * Seeds a grouped SLO: each group's calls per minute over the SLO window (`sum by (vendor)` of the
 * family carrying the group label), ranked at the end as the evaluator ranks them: the top N by
 * calls over the last day get a history of their own, all others (and the library's own
 * `__other__`) one history together. Returns whether Prometheus held any calls.
 */
export async function seedGrouped(o: SloObjective, key: SloHistoryKey, s: GroupedSeed): Promise<boolean> {
  const label = o.groupBy!.label;
  const family = s.names[SLO_GROUP_FAMILIES[label]];
  const service = `${LABELS.service}=${JSON.stringify(key.service)}`;
  const bad = `${LABELS.outcome}=~${JSON.stringify(BUDGET_BURNING_OUTCOMES.join('|'))}`;
  /** Per group, per minute (seconds): [calls, failed calls]. */
  const calls = new Map<string, Map<number, [number, number]>>();
  const add = (i: 0 | 1) => (group: string, t: number, x: number) => {
    let m = calls.get(group);
    if (m === undefined) calls.set(group, (m = new Map()));
    const v = m.get(t) ?? [0, 0];
    v[i] += x;
    m.set(t, v);
  };
  for (let from = s.end - o.window + MINUTE; from <= s.end; from += CHUNK_MINUTES * MINUTE) {
    const range = { url: s.url, from, to: Math.min(s.end, from + (CHUNK_MINUTES - 1) * MINUTE), get: s.get };
    await queryRangeBy(`sum by (${label}) (increase(${family}{${service}}[1m]))`, range, label, add(0));
    await queryRangeBy(`sum by (${label}) (increase(${family}{${service},${bad}}[1m]))`, range, label, add(1));
  }
  if (calls.size === 0) return false;

  const ranking = new GroupRanking(o.groupBy!.top);
  const rank: RankBucket[] = [];
  const from = ranking.restoreFrom(s.end);
  for (const [group, m] of calls) {
    if (group === OTHER) continue;
    const bySlot = new Map<number, number>();
    for (const [t, [total]] of m) {
      const slot = ranking.slotOf(t);
      if (slot >= from) bySlot.set(slot, (bySlot.get(slot) ?? 0) + Math.round(total));
    }
    for (const [slot, total] of [...bySlot].sort((a, b) => a[0] - b[0])) rank.push({ group, slot, total });
  }
  rank.sort((a, b) => a.slot - b.slot);
  ranking.restore(rank, s.end);
  const top = ranking.ranked();

  const perGroup = new Map<string, Map<number, [number, number]>>();
  for (const [group, m] of calls) {
    const to = top.has(group) ? group : OTHER;
    let into = perGroup.get(to);
    if (into === undefined) perGroup.set(to, (into = new Map()));
    for (const [t, [total, failed]] of m) {
      const v = into.get(t) ?? [0, 0];
      into.set(t, [v[0] + total, v[1] + failed]);
    }
  }
  const firstAt = (Math.min(...[...calls.values()].flatMap((m) => [...m.keys()])) - MINUTE) * 1000;
  const state = (t: number) => ({ firstAt, lastTick: t * 1000, lastInactive: t * 1000, wasActive: false, timers: [] });
  const entries: SloHistoryEntry[] = [];
  for (const [group, m] of perGroup) {
    const k = { ...key, group };
    for (const t of [...m.keys()].sort((a, b) => a - b)) {
      const [total, failed] = m.get(t)!;
      entries.push({
        key: k,
        fine: t / NOW_INTERVAL,
        minute: t / MINUTE,
        total: Math.round(total),
        bad: Math.round(failed),
        state: state(t),
      });
    }
    // The history ends where the seed does: a restore continues from `end`.
    entries.push({ key: k, fine: s.end / NOW_INTERVAL, minute: s.end / MINUTE, total: 0, bad: 0, state: state(s.end) });
  }
  const own = { key, fine: 0, minute: 0, total: 0, bad: 0, state: state(s.end) };
  for (let i = 0; i < entries.length; i += 1440) s.store.save(entries.slice(i, i + 1440));
  s.store.save([{ ...own, rank }]);
  return true;
}
