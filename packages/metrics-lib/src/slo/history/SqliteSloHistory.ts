import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { NOW_INTERVAL } from '../../contract/alerting.js';
import { HistoryStoreError } from '../../errors.js';
import type { RankBucket } from '../GroupRanking.js';
import type {
  SloHistoryBucket,
  SloHistoryEntry,
  SloHistoryKey,
  SloHistoryResolution,
  SloHistoryStore,
  SloSavedState,
} from './SloHistoryStore.js';
import { DEFAULT_RETENTION_DAYS, parseState, rankPruneSlot } from './savedState.js';

/**
 * Schema version in SQLite's `user_version`; a file with a higher one was written by a newer
 * Hartslag. 2 added `slo_rank` (grouped SLOs' calls per group); a version 1 file is upgraded in place.
 */
const SCHEMA_VERSION = 2;
const DAY = 86_400;
/** The 30-second buckets answer windows up to 6 h; a day of them is kept. */
const FINE_KEEP_SECONDS = DAY;
/** Old buckets are deleted at most this often (seconds of tick time): pruning is a range delete on the primary key. */
const PRUNE_EVERY = 3600;
const MINUTE = 60;

export interface SqliteSloHistoryOptions {
  /** Days of minute buckets kept, at least 400 (the default). */
  retentionDays?: number;
  /**
   * 'full' (default): a tick is on disk before `save` returns, power loss included. 'normal': a
   * tick survives the process being killed but the last ones may be lost with the machine's power
   * (SQLite's WAL guarantee); for a history on a slow disk or a test that writes weeks of ticks.
   */
  synchronous?: 'full' | 'normal';
}

/**
 * The SLO history in one SQLite file (WAL, synchronous FULL): a tick is on disk when `save`
 * returns, so `kill -9` loses nothing already evaluated. Minute buckets are kept for the
 * retention, 30-second buckets for a day; slots without calls are not stored at all.
 */
export class SqliteSloHistory implements SloHistoryStore {
  private readonly db: Database.Database;
  private readonly seriesIds = new Map<string, number>();
  private readonly retentionDays: number;
  private lastPrune = Number.NEGATIVE_INFINITY;
  private readonly stmt: ReturnType<typeof prepare>;
  private readonly saveAll: (tick: readonly SloHistoryEntry[]) => void;

  constructor(
    readonly path: string,
    options: SqliteSloHistoryOptions = {},
  ) {
    const retention = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
    if (typeof retention !== 'number' || !Number.isInteger(retention) || retention < DEFAULT_RETENTION_DAYS) {
      throw new HistoryStoreError(
        `retentionDays must be a whole number of days ≥ ${DEFAULT_RETENTION_DAYS} (a year and a month, for the ` +
          `monthly report of last year's same month), got ${String(retention)}`,
      );
    }
    this.retentionDays = retention;
    const synchronous = options.synchronous ?? 'full';
    if (synchronous !== 'full' && synchronous !== 'normal') {
      throw new HistoryStoreError(`synchronous must be 'full' or 'normal', got ${String(synchronous)}`);
    }
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${synchronous.toUpperCase()}`);
      this.db.pragma('busy_timeout = 5000');
    } catch (err) {
      throw new HistoryStoreError(
        `cannot open the SLO history file ${path}: ${(err as Error).message}. ` +
          'Check that its folder exists or can be created and is writable by this process.',
        { cause: err },
      );
    }
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      this.db.close();
      throw new HistoryStoreError(
        `the SLO history file ${path} was written by a newer @hartslag/metrics (schema ${version}, this one ` +
          `knows ${SCHEMA_VERSION}). Run that version or newer, or move the file aside to start an empty history.`,
      );
    }
    try {
      migrate(this.db);
    } catch (err) {
      this.db.close();
      throw new HistoryStoreError(
        `the file ${path} is not an SLO history this version can use: ${(err as Error).message}. ` +
          'Give the evaluator a file of its own.',
        { cause: err },
      );
    }
    this.stmt = prepare(this.db);
    this.saveAll = this.db.transaction((tick: readonly SloHistoryEntry[]) => {
      for (const e of tick) {
        const id = this.seriesId(e.key);
        this.stmt.state.run(JSON.stringify(e.state), id);
        for (const r of e.rank ?? []) this.stmt.addRank.run(id, r.group, r.slot, r.total);
        if (e.total === 0 && e.bad === 0) continue;
        this.stmt.addFine.run(id, e.fine, e.total, e.bad);
        this.stmt.addMinute.run(id, e.minute, e.total, e.bad);
      }
      const at = tick[0]!.state.lastTick / 1000;
      if (at - this.lastPrune >= PRUNE_EVERY) {
        this.lastPrune = at;
        this.stmt.pruneFine.run(Math.floor((at - FINE_KEEP_SECONDS) / NOW_INTERVAL));
        this.stmt.pruneMinute.run(Math.floor((at - this.retentionDays * DAY) / MINUTE));
        this.stmt.pruneRank.run(rankPruneSlot(at));
      }
    });
  }

  load(key: SloHistoryKey): SloSavedState | undefined {
    const row = this.stmt.load.get(key.service, key.slo, key.operation, key.group) as { state: string } | undefined;
    if (row === undefined) return undefined;
    return parseState(JSON.parse(row.state));
  }

  buckets(key: SloHistoryKey, resolution: SloHistoryResolution, from: number): SloHistoryBucket[] {
    const id = this.seriesId(key);
    const stmt = resolution === 'fine' ? this.stmt.fine : this.stmt.minute;
    return stmt.all(id, from) as SloHistoryBucket[];
  }

  groups(key: SloHistoryKey): string[] {
    const rows = this.stmt.groups.all(key.service, key.slo, key.operation) as { grp: string }[];
    return rows.map((r) => r.grp);
  }

  rank(key: SloHistoryKey, from: number): RankBucket[] {
    return this.stmt.rank.all(this.seriesId(key), from) as RankBucket[];
  }

  save(tick: readonly SloHistoryEntry[]): void {
    if (tick.length > 0) this.saveAll(tick);
  }

  /** Minute buckets of one series from `from` to `to` (slot numbers, inclusive): for reports. */
  minutes(key: SloHistoryKey, from: number, to: number): SloHistoryBucket[] {
    return this.stmt.range.all(this.seriesId(key), from, to) as SloHistoryBucket[];
  }

  /** Bytes the file holds (pages in use), for the size figures in the docs. */
  get bytes(): number {
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * (this.db.pragma('page_size', { simple: true }) as number);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private seriesId(key: SloHistoryKey): number {
    const k = JSON.stringify([key.service, key.slo, key.operation, key.group]);
    let id = this.seriesIds.get(k);
    if (id === undefined) {
      this.stmt.addSeries.run(key.service, key.slo, key.operation, key.group);
      id = (this.stmt.seriesId.get(key.service, key.slo, key.operation, key.group) as { id: number }).id;
      this.seriesIds.set(k, id);
    }
    return id;
  }
}

/** Opens (or creates) the SLO history file at `path`; throws HARTSLAG_ERR_HISTORY_STORE saying how to fix it. */
export function openSqliteSloHistory(path: string, options?: SqliteSloHistoryOptions): SqliteSloHistory {
  return new SqliteSloHistory(path, options);
}

function migrate(db: Database.Database): void {
  db.exec(`
    create table if not exists slo_series (
      id integer primary key,
      service text not null, slo text not null, operation text not null, grp text not null,
      state text,
      unique (service, slo, operation, grp)
    );
    create table if not exists slo_fine (
      series integer not null, slot integer not null, total integer not null, bad integer not null,
      primary key (series, slot)
    ) without rowid;
    create table if not exists slo_minute (
      series integer not null, slot integer not null, total integer not null, bad integer not null,
      primary key (series, slot)
    ) without rowid;
    create table if not exists slo_rank (
      series integer not null, grp text not null, slot integer not null, total integer not null,
      primary key (series, grp, slot)
    ) without rowid;
  `);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

function prepare(db: Database.Database) {
  const add = (table: string) =>
    db.prepare(
      `insert into ${table} (series, slot, total, bad) values (?, ?, ?, ?)
       on conflict (series, slot) do update set total = total + excluded.total, bad = bad + excluded.bad`,
    );
  return {
    addSeries: db.prepare(
      'insert into slo_series (service, slo, operation, grp) values (?, ?, ?, ?) on conflict do nothing',
    ),
    seriesId: db.prepare('select id from slo_series where service = ? and slo = ? and operation = ? and grp = ?'),
    load: db.prepare('select state from slo_series where service = ? and slo = ? and operation = ? and grp = ?'),
    state: db.prepare('update slo_series set state = ? where id = ?'),
    addFine: add('slo_fine'),
    addMinute: add('slo_minute'),
    fine: db.prepare('select slot, total, bad from slo_fine where series = ? and slot >= ? order by slot'),
    minute: db.prepare('select slot, total, bad from slo_minute where series = ? and slot >= ? order by slot'),
    range: db.prepare(
      'select slot, total, bad from slo_minute where series = ? and slot >= ? and slot <= ? order by slot',
    ),
    groups: db.prepare(
      "select grp from slo_series where service = ? and slo = ? and operation = ? and grp != '' order by grp",
    ),
    addRank: db.prepare(
      `insert into slo_rank (series, grp, slot, total) values (?, ?, ?, ?)
       on conflict (series, grp, slot) do update set total = total + excluded.total`,
    ),
    rank: db.prepare('select grp as "group", slot, total from slo_rank where series = ? and slot >= ? order by slot'),
    pruneRank: db.prepare('delete from slo_rank where slot < ?'),
    pruneFine: db.prepare('delete from slo_fine where slot < ?'),
    pruneMinute: db.prepare('delete from slo_minute where slot < ?'),
  };
}
