import { type Kysely, sql, type Transaction } from 'kysely';
import type { AuditEntry, Incident, Maintenance, StateMinute, VolumePoint } from '../incidents/model.js';
import type { State } from '../state/State.js';
import { audit, selectAudit } from './auditQueries.js';
import { countStateMinutes, insertStates, insertVolume, selectVolume } from './historyQueries.js';
import { changeIncident, incidentIds, insertIncident, loadIncidents } from './incidentQueries.js';
import {
  cancelMaintenance,
  changeMaintenance,
  insertMaintenance,
  selectMaintenance,
  upcomingMaintenance,
} from './maintenanceQueries.js';
import { DECLARATIONS_CHANNEL, type PgChangeFeed } from './PgChangeFeed.js';
import { rowLimit } from './queries.js';
import {
  type Actor,
  IDEMPOTENCY_TTL_MS,
  type IncidentChange,
  type KeyedWrite,
  type MaintenanceChange,
  type NewIncident,
  type NewMaintenance,
  type StatusStore,
  type WriteKey,
} from './StatusStore.js';
import type { Database, StoreKind } from './schema.js';

/**
 * StatusStore over Kysely: the same queries for SQLite and PostgreSQL. Writes run in one
 * transaction with their audit row and read the result back before commit; reads of more than one
 * table run in a read-only transaction so an incident and its timeline come from one snapshot.
 * The queries of each table are in their own module (incidentQueries.ts, maintenanceQueries.ts,
 * historyQueries.ts, auditQueries.ts); this class checks arguments and picks the transaction.
 */
export class KyselyStore implements StatusStore {
  constructor(
    readonly kind: StoreKind,
    private readonly db: Kysely<Database>,
    /** PostgreSQL only: where other replicas' writes are announced. */
    private readonly feed?: PgChangeFeed,
  ) {}

  createIncident(input: NewIncident, actor: Actor, now: number): Promise<Incident> {
    return this.declare((trx) => insertIncident(trx, input, actor, now));
  }

  /**
   * A resolved incident stays resolved unless `change.status` says otherwise; then it reopens
   * (`resolved_at` cleared, audited as `incident.reopen`). Resolving again keeps the first
   * `resolvedAt`.
   */
  updateIncident(id: number, change: IncidentChange, actor: Actor, now: number): Promise<Incident | undefined> {
    if (!Number.isSafeInteger(id)) return Promise.resolve(undefined);
    return this.declare((trx) => changeIncident(trx, this.kind, id, change, actor, now));
  }

  getIncident(id: number): Promise<Incident | undefined> {
    if (!Number.isSafeInteger(id)) return Promise.resolve(undefined);
    return this.read(async (trx) => (await loadIncidents(trx, [id]))[0]);
  }

  /** `before` is an id: the next page starts below the last id shown. */
  listIncidents(query: { open?: boolean; limit: number; before?: number }): Promise<Incident[]> {
    const limit = rowLimit(query.limit);
    if (limit === 0) return Promise.resolve([]);
    return this.read(async (trx) => loadIncidents(trx, await incidentIds(trx, { ...query, limit })));
  }

  scheduleMaintenance(input: NewMaintenance, actor: Actor, now: number): Promise<Maintenance> {
    return this.declare((trx) => insertMaintenance(trx, input, actor, now));
  }

  /** A cancelled window stays cancelled; its other fields may still be corrected. */
  updateMaintenance(
    id: number,
    change: MaintenanceChange,
    actor: Actor,
    now: number,
  ): Promise<Maintenance | undefined> {
    if (!Number.isSafeInteger(id)) return Promise.resolve(undefined);
    return this.declare((trx) => changeMaintenance(trx, id, change, actor, now));
  }

  /** Cancelling twice is not an error: the window stays cancelled and the request is audited. */
  cancelMaintenance(id: number, actor: Actor, now: number): Promise<Maintenance | undefined> {
    if (!Number.isSafeInteger(id)) return Promise.resolve(undefined);
    return this.declare((trx) => cancelMaintenance(trx, id, actor, now));
  }

  async getMaintenance(id: number): Promise<Maintenance | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    return selectMaintenance(this.db, id);
  }

  async listMaintenance(query: { endsAfter: number; startsBefore?: number; limit: number }): Promise<Maintenance[]> {
    const limit = rowLimit(query.limit);
    if (limit === 0) return [];
    return upcomingMaintenance(this.db, query.endsAfter, limit, query.startsBefore);
  }

  async auditRead(actor: Actor, action: string, target: string, detail: unknown, now: number): Promise<void> {
    await this.write((trx) => audit(trx, actor, now, action, target, detail));
  }

  /** `before` is an id, like listIncidents. */
  async listAudit(query: { limit: number; before?: number }): Promise<AuditEntry[]> {
    const limit = rowLimit(query.limit);
    if (limit === 0) return [];
    return selectAudit(this.db, { ...query, limit });
  }

  async recordStates(rows: StateMinute[]): Promise<void> {
    if (rows.length === 0) return;
    await this.write((trx) => insertStates(trx, rows));
  }

  stateMinutes(component: string, from: number, to: number): Promise<Partial<Record<State, number>>> {
    return countStateMinutes(this.db, component, from, to);
  }

  async recordVolume(rows: VolumePoint[]): Promise<void> {
    if (rows.length === 0) return;
    await this.write((trx) => insertVolume(trx, rows));
  }

  volume(component: string, from: number, to: number): Promise<VolumePoint[]> {
    return selectVolume(this.db, component, from, to);
  }

  once<T extends { id: number }>(
    key: WriteKey,
    now: number,
    write: (store: StatusStore) => Promise<T | undefined>,
  ): Promise<KeyedWrite<T>> {
    return this.write(async (trx) => {
      await trx
        .deleteFrom('idempotency_keys')
        .where('created_at', '<=', now - IDEMPOTENCY_TTL_MS)
        .execute();
      // On PostgreSQL a second transaction with this key waits here until the first commits (then
      // finds its row) or rolls back (then inserts): the write below runs once.
      const claimed = await trx
        .insertInto('idempotency_keys')
        .values({ actor: key.actor, key: key.key, fingerprint: key.fingerprint, result_id: null, created_at: now })
        .onConflict((oc) => oc.columns(['actor', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (claimed === undefined) {
        const first = await trx
          .selectFrom('idempotency_keys')
          .select(['fingerprint', 'result_id'])
          .where('actor', '=', key.actor)
          .where('key', '=', key.key)
          .executeTakeFirstOrThrow();
        if (first.fingerprint !== key.fingerprint || first.result_id === null) return { outcome: 'mismatch' };
        return { outcome: 'replayed', id: first.result_id };
      }
      const value = await write(new KyselyStore(this.kind, trx));
      if (value === undefined) {
        await trx.deleteFrom('idempotency_keys').where('actor', '=', key.actor).where('key', '=', key.key).execute();
      } else {
        await trx
          .updateTable('idempotency_keys')
          .set({ result_id: value.id })
          .where('actor', '=', key.actor)
          .where('key', '=', key.key)
          .execute();
      }
      return { outcome: 'written', value };
    });
  }

  async hit(key: string, windowMs: number, now: number): Promise<{ hits: number; resetAt: number }> {
    const start = now - (now % windowMs);
    // One statement: concurrent hits from several replicas serialise on the row, none is lost.
    const { rows } = await sql<{ hits: number }>`
      insert into rate_limits (key, window_start, hits) values (${key}, ${start}, 1)
      on conflict (key) do update set
        hits = case when rate_limits.window_start = excluded.window_start then rate_limits.hits + 1 else 1 end,
        window_start = excluded.window_start
      returning hits`.execute(this.db);
    // Windows long past only take room; writes are few, so clearing them here costs nothing.
    await this.db
      .deleteFrom('rate_limits')
      .where('window_start', '<', start - windowMs)
      .execute();
    return { hits: Number(rows[0]!.hits), resetAt: start + windowMs };
  }

  watch(listener: () => void): () => void {
    return this.feed?.watch(listener) ?? (() => {});
  }

  async close(): Promise<void> {
    await this.feed?.close();
    await this.db.destroy();
  }

  /**
   * A write of incidents or maintenance: on PostgreSQL it is announced to every replica in its own
   * transaction, so the announcement arrives once the write is committed and never without it.
   */
  private declare<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.write(async (trx) => {
      const result = await fn(trx);
      if (this.kind === 'postgres') await sql`select pg_notify(${DECLARATIONS_CHANNEL}, '')`.execute(trx);
      return result;
    });
  }

  /**
   * Resolves once committed: SQLite synchronous=FULL and PostgreSQL's synchronous_commit make that
   * durable. Inside `once` this store is over the key's transaction and writes join it.
   */
  private write<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this.db as Transaction<Database>);
    return this.db.transaction().execute(fn);
  }

  private read<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this.db as Transaction<Database>);
    const builder = this.db.transaction().setAccessMode('read only');
    // PostgreSQL's default (read committed) takes a new snapshot per statement; SQLite's is per transaction.
    return (this.kind === 'postgres' ? builder.setIsolationLevel('repeatable read') : builder).execute(fn);
  }
}
