import pg from 'pg';
import { NOW_INTERVAL } from '../../contract/alerting.js';
import { SLO_GROUP_RANK_WINDOW } from '../../contract/groups.js';
import { HistoryStoreError } from '../../errors.js';
import { RANK_SLOT, type RankBucket } from '../GroupRanking.js';
import { migrate } from './postgresSchema.js';
import type {
  SloHistoryBucket,
  SloHistoryEntry,
  SloHistoryKey,
  SloHistoryResolution,
  SloHistoryStore,
  SloSavedState,
} from './SloHistoryStore.js';
import { DEFAULT_RETENTION_DAYS, parseState, rankPruneSlot } from './savedState.js';

const DAY = 86_400;
const MINUTE = 60;
/** The longest look-back a ring can have: a 90-day SLO window (baselines reach 8 weeks). */
const PRELOAD_SECONDS = 90 * DAY + DAY;
const FINE_KEEP_SECONDS = DAY;
const PRUNE_EVERY = 3600;
/** PostgreSQL's oid for int8. */
const INT8 = 20;

export interface PostgresSloHistoryOptions {
  /** Days of minute buckets kept, at least 400 (the default). */
  retentionDays?: number;
  /** Only this service's series are read at open (several services may share one database). */
  service?: string;
  /** Seconds a connection may take. Default 10. */
  connectTimeoutSeconds?: number;
}

/**
 * The SLO history in PostgreSQL, for several services or replicas sharing one database. The
 * evaluator is synchronous, PostgreSQL is not: what a restart needs (series states, a day of
 * 30-second buckets, 91 days of minute buckets) is read once at open, and each tick is written
 * behind, in order, one transaction per tick. `flush()` resolves when every tick saved so far is
 * committed; a process killed before that loses the ticks not yet committed.
 */
export class PostgresSloHistory implements SloHistoryStore {
  private readonly ids = new Map<string, number>();
  private readonly states = new Map<number, SloSavedState>();
  private preloaded: Map<string, SloHistoryBucket[]> | undefined = new Map();
  /** Rank calls per grouped SLO's series id, read at open for a restore. */
  private preloadedRank: Map<number, RankBucket[]> | undefined = new Map();
  private queue: Promise<void> = Promise.resolve();
  private lastPrune = Number.NEGATIVE_INFINITY;
  /** The latest write that failed, if any, until a later one succeeds. */
  lastError: Error | undefined = undefined;
  /** Ticks whose write failed. */
  failedWrites = 0;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly retentionDays: number,
  ) {}

  static async open(url: string, options: PostgresSloHistoryOptions = {}): Promise<PostgresSloHistory> {
    const retention = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
    if (!Number.isInteger(retention) || retention < DEFAULT_RETENTION_DAYS) {
      throw new HistoryStoreError(
        `retentionDays must be a whole number of days ≥ ${DEFAULT_RETENTION_DAYS}, got ${retention}`,
      );
    }
    if (typeof url !== 'string' || !/^postgres(ql)?:\/\//i.test(url)) {
      throw new HistoryStoreError('the SLO history database URL must start with postgres:// or postgresql://');
    }
    const types = new pg.TypeOverrides();
    // Slots, counts and ids are int8; all fit in 2^53.
    types.setTypeParser(INT8, 'text', Number);
    const pool = new pg.Pool({
      connectionString: url,
      types,
      max: 2,
      connectionTimeoutMillis: (options.connectTimeoutSeconds ?? 10) * 1000,
    });
    // A dropped idle connection is replaced on the next query; without a listener it would end the process.
    pool.on('error', () => {});
    const store = new PostgresSloHistory(pool, retention);
    try {
      await migrate(pool);
      await store.preload(options.service);
    } catch (err) {
      await pool.end().catch(() => {});
      throw new HistoryStoreError(
        `cannot open the SLO history in PostgreSQL: ${(err as Error).message}. ` +
          'Check that the server runs and accepts this user, password and database.',
        { cause: err },
      );
    }
    return store;
  }

  load(key: SloHistoryKey): SloSavedState | undefined {
    const id = this.ids.get(keyOf(key));
    return id === undefined ? undefined : this.states.get(id);
  }

  buckets(key: SloHistoryKey, resolution: SloHistoryResolution, from: number): SloHistoryBucket[] {
    const id = this.ids.get(keyOf(key));
    if (id === undefined || this.preloaded === undefined) return [];
    return (this.preloaded.get(`${resolution}:${id}`) ?? []).filter((b) => b.slot >= from);
  }

  groups(key: SloHistoryKey): string[] {
    const groups: string[] = [];
    for (const k of this.ids.keys()) {
      const [service, slo, operation, group] = JSON.parse(k) as string[];
      if (service === key.service && slo === key.slo && operation === key.operation && group !== '')
        groups.push(group!);
    }
    return groups.sort();
  }

  rank(key: SloHistoryKey, from: number): RankBucket[] {
    const id = this.ids.get(keyOf(key));
    if (id === undefined || this.preloadedRank === undefined) return [];
    return (this.preloadedRank.get(id) ?? []).filter((b) => b.slot >= from);
  }

  save(tick: readonly SloHistoryEntry[]): void {
    if (tick.length === 0) return;
    // Restores are over once ticks are saved: the read buckets are no longer needed.
    this.preloaded = undefined;
    this.preloadedRank = undefined;
    const entries = tick.map((e) => ({ ...e, key: { ...e.key }, state: { ...e.state }, rank: e.rank?.slice() }));
    this.queue = this.queue.then(() =>
      this.write(entries).then(
        () => {
          this.lastError = undefined;
        },
        (err: unknown) => {
          this.failedWrites++;
          this.lastError = err as Error;
        },
      ),
    );
  }

  /** Resolves when every tick saved so far is committed (or has failed: see lastError). */
  flush(): Promise<void> {
    return this.queue;
  }

  /** Ends the pool once queued ticks are written; `closeAsync()` to wait for it. */
  close(): void {
    this.closeAsync().catch(() => {});
  }

  /** Writes what is queued, then closes the pool. */
  async closeAsync(): Promise<void> {
    await this.queue;
    await this.pool.end();
  }

  private async preload(service: string | undefined): Promise<void> {
    const series = await this.pool.query<{
      id: number;
      service: string;
      slo: string;
      operation: string;
      grp: string;
      state: string | null;
    }>(
      `select id, service, slo, operation, grp, state from slo_series ${service === undefined ? '' : 'where service = $1'}`,
      service === undefined ? [] : [service],
    );
    const ids: number[] = [];
    for (const r of series.rows) {
      const id = r.id;
      this.ids.set(keyOf({ service: r.service, slo: r.slo, operation: r.operation, group: r.grp }), id);
      ids.push(id);
      if (r.state !== null) this.states.set(id, parseState(JSON.parse(r.state)));
    }
    if (ids.length === 0) return;
    const now = Date.now() / 1000;
    const rank = await this.pool.query<{ series: number } & RankBucket>(
      'select series, grp as "group", slot, total from slo_rank where series = any($1) and slot >= $2 order by series, slot',
      [
        ids,
        Math.floor(
          (Math.min(now, ...[...this.states.values()].map((s) => s.lastTick / 1000)) - SLO_GROUP_RANK_WINDOW) /
            RANK_SLOT,
        ) - 1,
      ],
    );
    for (const r of rank.rows) {
      let list = this.preloadedRank!.get(r.series);
      if (list === undefined) this.preloadedRank!.set(r.series, (list = []));
      list.push({ group: r.group, slot: r.slot, total: r.total });
    }

    for (const [resolution, table, from] of [
      ['fine', 'slo_fine', Math.floor((now - FINE_KEEP_SECONDS) / NOW_INTERVAL)],
      ['minute', 'slo_minute', Math.floor((now - PRELOAD_SECONDS) / MINUTE)],
    ] as const) {
      // Newest tick's time is not known before the states are read; any saved slot since `from` may be needed.
      const { rows } = await this.pool.query<{ series: number } & SloHistoryBucket>(
        `select series, slot, total, bad from ${table} where series = any($1) and slot >= $2 order by series, slot`,
        [ids, Math.min(from, ...[...this.states.values()].map((s) => lowest(resolution, s)))],
      );
      for (const r of rows) {
        const k = `${resolution}:${r.series}`;
        let list = this.preloaded!.get(k);
        if (list === undefined) this.preloaded!.set(k, (list = []));
        list.push({ slot: r.slot, total: r.total, bad: r.bad });
      }
    }
  }

  /** One statement per tick (atomic on its own, one round trip): the state and both bucket upserts. */
  private async write(tick: SloHistoryEntry[]): Promise<void> {
    const ids: number[] = [];
    for (const e of tick) ids.push(await this.seriesId(e.key));
    const calls = tick.map((e, i) => ({ ...e, id: ids[i]! })).filter((e) => e.total !== 0 || e.bad !== 0);
    const ranks = tick.flatMap((e, i) => (e.rank ?? []).map((r) => ({ ...r, id: ids[i]! })));
    const upsert = (table: string, n: number) =>
      `insert into ${table} (series, slot, total, bad)
       select * from unnest($4::bigint[], $${n}::bigint[], $6::float8[], $7::float8[])
       on conflict (series, slot) do update set total = ${table}.total + excluded.total, bad = ${table}.bad + excluded.bad`;
    await this.pool.query(
      `with state as (
         update slo_series s set state = v.state from unnest($1::bigint[], $2::text[]) as v(id, state) where s.id = v.id
       ), fine as (${upsert('slo_fine', 3)}), minute as (${upsert('slo_minute', 5)}), rank as (
         insert into slo_rank (series, grp, slot, total)
         select * from unnest($8::bigint[], $9::text[], $10::bigint[], $11::float8[])
         on conflict (series, grp, slot) do update set total = slo_rank.total + excluded.total
       )
       select 1`,
      [
        ids,
        tick.map((e) => JSON.stringify(e.state)),
        calls.map((e) => e.fine),
        calls.map((e) => e.id),
        calls.map((e) => e.minute),
        calls.map((e) => e.total),
        calls.map((e) => e.bad),
        ranks.map((r) => r.id),
        ranks.map((r) => r.group),
        ranks.map((r) => r.slot),
        ranks.map((r) => r.total),
      ],
    );
    const at = tick[0]!.state.lastTick / 1000;
    if (at - this.lastPrune >= PRUNE_EVERY) {
      this.lastPrune = at;
      await this.pool.query('delete from slo_fine where slot < $1', [
        Math.floor((at - FINE_KEEP_SECONDS) / NOW_INTERVAL),
      ]);
      await this.pool.query('delete from slo_minute where slot < $1', [
        Math.floor((at - this.retentionDays * DAY) / MINUTE),
      ]);
      await this.pool.query('delete from slo_rank where slot < $1', [rankPruneSlot(at)]);
    }
  }

  private async seriesId(key: SloHistoryKey): Promise<number> {
    const k = keyOf(key);
    const known = this.ids.get(k);
    if (known !== undefined) return known;
    const args = [key.service, key.slo, key.operation, key.group];
    await this.pool.query(
      'insert into slo_series (service, slo, operation, grp) values ($1, $2, $3, $4) on conflict do nothing',
      args,
    );
    const { rows } = await this.pool.query<{ id: number }>(
      'select id from slo_series where service = $1 and slo = $2 and operation = $3 and grp = $4',
      args,
    );
    this.ids.set(k, rows[0]!.id);
    return rows[0]!.id;
  }
}
/** The oldest slot a restore of this state reads (its rings end at its latest tick, not now). */
function lowest(resolution: SloHistoryResolution, s: SloSavedState): number {
  const last = s.lastTick / 1000;
  return resolution === 'fine'
    ? Math.floor((last - FINE_KEEP_SECONDS) / NOW_INTERVAL)
    : Math.floor((last - PRELOAD_SECONDS) / MINUTE);
}

function keyOf(key: SloHistoryKey): string {
  return JSON.stringify([key.service, key.slo, key.operation, key.group]);
}

/** Opens the SLO history in the PostgreSQL database at `url` and reads what a restart needs. */
export function openPostgresSloHistory(url: string, options?: PostgresSloHistoryOptions): Promise<PostgresSloHistory> {
  return PostgresSloHistory.open(url, options);
}
