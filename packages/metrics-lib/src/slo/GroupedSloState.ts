import type { AggregateReader } from '../aggregate/AggregateReader.js';
import { OTHER } from '../contract/names.js';
import { GroupRanking, type RankBucket } from './GroupRanking.js';
import { type GroupCalls, groupTotals } from './groupTotals.js';
import type { SloHistoryEntry, SloHistoryKey, SloHistoryStore } from './history/SloHistoryStore.js';
import type { SloObjective } from './SloObjective.js';
import { SloState } from './SloState.js';
import type { SloStatus } from './SloStatus.js';

/** What one tick of a grouped SLO gives: a status per group, and what a history store keeps of it. */
export interface GroupedTick {
  statuses: SloStatus[];
  saved: SloHistoryEntry[];
}

/**
 * A grouped SLO (`groupBy`): one SloState per group with series of its own (the top N by calls
 * over the rank window) and one for `__other__`, which takes the calls of every other group and
 * of the library's own overflow, as the rules' `slo:group_top:bool` splits them. A group that
 * leaves the top N gives up its history (its calls count under `__other__` from then on), so the
 * states stay at N + 1 whatever the number of vendors or tenants.
 */
export class GroupedSloState {
  private readonly ranking: GroupRanking;
  private readonly states = new Map<string, SloState>();
  /** Calls added to each group's state so far: the cumulative counters SloState.observe expects. */
  private readonly sums = new Map<string, GroupCalls>();
  /** Each group's counters at the previous tick; undefined before the first (which only takes the base). */
  private prev: Map<string, GroupCalls> | undefined = undefined;
  private prevTick: number | undefined = undefined;
  private firstAt: number | undefined = undefined;
  readonly label: string;

  constructor(
    readonly objective: SloObjective,
    readonly service: string,
  ) {
    this.label = objective.groupBy!.label;
    this.ranking = new GroupRanking(objective.groupBy!.top);
  }

  /** The key of the SLO's own series in a history store: when counting began, and the rank calls. */
  get key(): SloHistoryKey {
    return { service: this.service, slo: this.objective.name, operation: '', group: '' };
  }

  /** Counts the calls since the previous tick per group, ranks the groups, and evaluates each group's rules. */
  tick(nowMs: number, aggregate: AggregateReader, missedSince: number | undefined, interval: number): GroupedTick {
    const raw = groupTotals(aggregate, this.objective.groupBy!.label);
    const added = new Map<string, GroupCalls>();
    for (const [group, c] of raw) {
      const before = this.prev?.get(group);
      // A counter that went down was reset; like rate(), count from zero. The first tick is the base.
      if (this.prev === undefined) added.set(group, { total: 0, bad: 0 });
      else if (before === undefined || c.total < before.total) added.set(group, { ...c });
      else added.set(group, { total: c.total - before.total, bad: Math.max(0, c.bad - before.bad) });
    }
    this.prev = raw;
    this.firstAt ??= nowMs;
    const seconds = nowMs / 1000;
    this.ranking.add(seconds, new Map([...added].map(([g, c]) => [g, c.total])));
    const top = this.ranking.ranked();

    // Every top group has a status, with or without calls since the previous tick; so has __other__ once it exists.
    const byGroup = new Map<string, GroupCalls>([...top].map((g) => [g, { total: 0, bad: 0 }]));
    if (this.states.has(OTHER)) byGroup.set(OTHER, { total: 0, bad: 0 });
    for (const [group, c] of added) {
      const to = top.has(group) ? group : OTHER;
      const sum = byGroup.get(to) ?? { total: 0, bad: 0 };
      byGroup.set(to, { total: sum.total + c.total, bad: sum.bad + c.bad });
    }
    for (const group of this.states.keys()) {
      if (group !== OTHER && !top.has(group)) {
        this.states.delete(group);
        this.sums.delete(group);
      }
    }

    const saved: SloHistoryEntry[] = [];
    const statuses: SloStatus[] = [];
    for (const group of [...byGroup.keys()].sort(byName)) {
      const calls = byGroup.get(group)!;
      let state = this.states.get(group);
      if (state === undefined) {
        state = this.state(group);
        // Counted from the previous tick on: the calls since then are this group's first.
        state.observe(this.prevTick ?? nowMs, 0, 0);
        this.sums.set(group, { total: 0, bad: 0 });
      }
      const sum = this.sums.get(group)!;
      sum.total += calls.total;
      sum.bad += calls.bad;
      const delta = state.observe(nowMs, sum.total, sum.bad);
      if (missedSince !== undefined) state.missedTicks(missedSince, nowMs, interval);
      statuses.push(this.withGroup(state.evaluate(nowMs), group));
      saved.push({ key: state.key, ...state.history.slots(seconds), ...delta, state: state.saved(nowMs) });
    }
    this.prevTick = nowMs;
    const slot = this.ranking.slotOf(seconds);
    const rank: RankBucket[] = [];
    for (const [group, c] of added) if (group !== OTHER && c.total > 0) rank.push({ group, slot, total: c.total });
    saved.push({
      key: this.key,
      fine: 0,
      minute: 0,
      total: 0,
      bad: 0,
      state: { firstAt: this.firstAt, lastTick: nowMs, lastInactive: undefined, wasActive: false, timers: [] },
      rank,
    });
    return { statuses, saved };
  }

  /**
   * Continues from what `store` saved: the rank calls of the last day, and each group's history.
   * Returns the latest saved tick (ms), undefined when nothing was saved or the store cannot list groups.
   */
  restore(store: SloHistoryStore): number | undefined {
    const saved = store.load(this.key);
    if (saved === undefined || store.groups === undefined || store.rank === undefined) return undefined;
    const last = saved.lastTick / 1000;
    this.ranking.restore(store.rank(this.key, this.ranking.restoreFrom(last)), last);
    const top = this.ranking.ranked();
    for (const group of store.groups(this.key)) {
      if (group !== OTHER && !top.has(group)) continue;
      const state = this.state(group);
      if (state.restore(store) === undefined) continue;
      this.states.set(group, state);
      this.sums.set(group, { total: 0, bad: 0 });
    }
    this.firstAt = saved.firstAt;
    this.prevTick = saved.lastTick;
    // The counters of this process started at zero: the next tick counts every call they hold.
    this.prev = new Map();
    return saved.lastTick;
  }

  private state(group: string): SloState {
    const o = this.objective;
    const state = new SloState({ ...o, labels: { ...o.labels, [this.label]: group } }, this.service, group);
    this.states.set(group, state);
    return state;
  }

  private withGroup(status: SloStatus, group: string): SloStatus {
    return { ...status, group: { label: this.label, value: group } };
  }
}

/** Groups by name, `__other__` last: the order of the statuses and the gauges. */
function byName(a: string, b: string): number {
  if (a === OTHER || b === OTHER) return a === OTHER ? (b === OTHER ? 0 : 1) : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
