import type { Kysely, Transaction } from 'kysely';
import type { AuditEntry, Incident, Maintenance, StateMinute, VolumePoint } from '../incidents/model.js';
import type { State } from '../state/State.js';
import { toAuditEntry, toIncident, toMaintenance } from './rows.js';
import type {
  Actor,
  IncidentChange,
  MaintenanceChange,
  NewIncident,
  NewMaintenance,
  StatusStore,
} from './StatusStore.js';
import type { Database, StoreKind } from './schema.js';

/** Rows per INSERT: far below SQLite's 32 766 and PostgreSQL's 65 535 bound parameters. */
const BATCH = 500;

type Db = Kysely<Database> | Transaction<Database>;

/**
 * StatusStore over Kysely: the same queries for SQLite and PostgreSQL. Writes run in one
 * transaction with their audit row and read the result back before commit; reads of more than one
 * table run in a read-only transaction so an incident and its timeline come from one snapshot.
 */
export class KyselyStore implements StatusStore {
  constructor(
    readonly kind: StoreKind,
    private readonly db: Kysely<Database>,
  ) {}

  createIncident(input: NewIncident, actor: Actor, now: number): Promise<Incident> {
    return this.write(async (trx) => {
      const { id } = await trx
        .insertInto('incidents')
        .values({
          status: input.status,
          impact: input.impact,
          components: JSON.stringify(input.components),
          title: JSON.stringify(input.title),
          created_at: now,
          updated_at: now,
          resolved_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('incident_updates')
        .values({ incident_id: id, status: input.status, body: JSON.stringify(input.body), at: now })
        .execute();
      await audit(trx, actor, now, 'incident.create', `incident:${id}`, input);
      return (await loadIncidents(trx, [id]))[0]!;
    });
  }

  /**
   * A resolved incident stays resolved unless `change.status` says otherwise; then it reopens
   * (`resolved_at` cleared, audited as `incident.reopen`). Resolving again keeps the first
   * `resolvedAt`.
   */
  updateIncident(id: number, change: IncidentChange, actor: Actor, now: number): Promise<Incident | undefined> {
    if (!Number.isSafeInteger(id)) return Promise.resolve(undefined);
    return this.write(async (trx) => {
      const row = await trx
        .selectFrom('incidents')
        .selectAll()
        .where('id', '=', id)
        // Two replicas updating one incident: the second waits, then sees the first's change.
        .$if(this.kind === 'postgres', (q) => q.forUpdate())
        .executeTakeFirst();
      if (!row) return undefined;
      const status = change.status ?? row.status;
      const wasResolved = row.status === 'resolved';
      const resolved = status === 'resolved';
      await trx
        .updateTable('incidents')
        .set({
          status,
          impact: change.impact ?? row.impact,
          components: change.components ? JSON.stringify(change.components) : row.components,
          title: change.title ? JSON.stringify(change.title) : row.title,
          updated_at: now,
          resolved_at: resolved ? (row.resolved_at ?? now) : null,
        })
        .where('id', '=', id)
        .execute();
      await trx
        .insertInto('incident_updates')
        .values({ incident_id: id, status, body: JSON.stringify(change.body), at: now })
        .execute();
      const action =
        resolved && !wasResolved
          ? 'incident.resolve'
          : wasResolved && !resolved
            ? 'incident.reopen'
            : 'incident.update';
      await audit(trx, actor, now, action, `incident:${id}`, change);
      return (await loadIncidents(trx, [id]))[0];
    });
  }

  getIncident(id: number): Promise<Incident | undefined> {
    if (!Number.isSafeInteger(id)) return Promise.resolve(undefined);
    return this.read(async (trx) => (await loadIncidents(trx, [id]))[0]);
  }

  /** `before` is an id: the next page starts below the last id shown. */
  listIncidents(query: { open?: boolean; limit: number; before?: number }): Promise<Incident[]> {
    const limit = rowLimit(query.limit);
    if (limit === 0) return Promise.resolve([]);
    return this.read(async (trx) => {
      const rows = await trx
        .selectFrom('incidents')
        .select('id')
        .$if(query.open === true, (q) => q.where('resolved_at', 'is', null))
        .$if(query.before !== undefined, (q) => q.where('id', '<', query.before!))
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return loadIncidents(
        trx,
        rows.map((r) => r.id),
      );
    });
  }

  scheduleMaintenance(input: NewMaintenance, actor: Actor, now: number): Promise<Maintenance> {
    return this.write(async (trx) => {
      const row = await trx
        .insertInto('maintenance')
        .values({
          title: JSON.stringify(input.title),
          body: JSON.stringify(input.body),
          components: JSON.stringify(input.components),
          starts_at: input.startsAt,
          ends_at: input.endsAt,
          cancelled: 0,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, actor, now, 'maintenance.schedule', `maintenance:${row.id}`, input);
      return toMaintenance(row);
    });
  }

  /** A cancelled window stays cancelled; its other fields may still be corrected. */
  updateMaintenance(
    id: number,
    change: MaintenanceChange,
    actor: Actor,
    now: number,
  ): Promise<Maintenance | undefined> {
    if (!Number.isSafeInteger(id)) return Promise.resolve(undefined);
    return this.write(async (trx) => {
      const row = await trx
        .updateTable('maintenance')
        .set({
          ...(change.title && { title: JSON.stringify(change.title) }),
          ...(change.body && { body: JSON.stringify(change.body) }),
          ...(change.components && { components: JSON.stringify(change.components) }),
          ...(change.startsAt !== undefined && { starts_at: change.startsAt }),
          ...(change.endsAt !== undefined && { ends_at: change.endsAt }),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      await audit(trx, actor, now, 'maintenance.update', `maintenance:${id}`, change);
      return toMaintenance(row);
    });
  }

  /** Cancelling twice is not an error: the window stays cancelled and the request is audited. */
  cancelMaintenance(id: number, actor: Actor, now: number): Promise<Maintenance | undefined> {
    if (!Number.isSafeInteger(id)) return Promise.resolve(undefined);
    return this.write(async (trx) => {
      const row = await trx
        .updateTable('maintenance')
        .set({ cancelled: 1, updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      await audit(trx, actor, now, 'maintenance.cancel', `maintenance:${id}`, null);
      return toMaintenance(row);
    });
  }

  async getMaintenance(id: number): Promise<Maintenance | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    const row = await this.db.selectFrom('maintenance').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toMaintenance(row);
  }

  async listMaintenance(query: { endsAfter: number; limit: number }): Promise<Maintenance[]> {
    const limit = rowLimit(query.limit);
    if (limit === 0) return [];
    const rows = await this.db
      .selectFrom('maintenance')
      .selectAll()
      .where('cancelled', '=', 0)
      .where('ends_at', '>', query.endsAfter)
      .orderBy('starts_at', 'asc')
      .orderBy('id', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toMaintenance);
  }

  /** `before` is an id, like listIncidents. */
  async listAudit(query: { limit: number; before?: number }): Promise<AuditEntry[]> {
    const limit = rowLimit(query.limit);
    if (limit === 0) return [];
    const rows = await this.db
      .selectFrom('audit')
      .selectAll()
      .$if(query.before !== undefined, (q) => q.where('id', '<', query.before!))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toAuditEntry);
  }

  async recordStates(rows: StateMinute[]): Promise<void> {
    if (rows.length === 0) return;
    await this.write(async (trx) => {
      for (let i = 0; i < rows.length; i += BATCH) {
        await trx
          .insertInto('state_minutes')
          .values(rows.slice(i, i + BATCH).map((r) => ({ component: r.component, minute: r.minute, state: r.state })))
          .onConflict((oc) => oc.columns(['component', 'minute']).doNothing())
          .execute();
      }
    });
  }

  async stateMinutes(component: string, from: number, to: number): Promise<Partial<Record<State, number>>> {
    const rows = await this.db
      .selectFrom('state_minutes')
      .select(['state', (eb) => eb.fn.countAll<number>().as('minutes')])
      .where('component', '=', component)
      .where('minute', '>=', from)
      .where('minute', '<', to)
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.minutes)]));
  }

  async recordVolume(rows: VolumePoint[]): Promise<void> {
    if (rows.length === 0) return;
    await this.write(async (trx) => {
      for (let i = 0; i < rows.length; i += BATCH) {
        await trx
          .insertInto('volume')
          .values(rows.slice(i, i + BATCH).map((r) => ({ component: r.component, at: r.at, rate: r.rate })))
          .onConflict((oc) => oc.columns(['component', 'at']).doNothing())
          .execute();
      }
    });
  }

  async volume(component: string, from: number, to: number): Promise<VolumePoint[]> {
    return this.db
      .selectFrom('volume')
      .select(['component', 'at', 'rate'])
      .where('component', '=', component)
      .where('at', '>=', from)
      .where('at', '<', to)
      .orderBy('at', 'asc')
      .execute();
  }

  close(): Promise<void> {
    return this.db.destroy();
  }

  /** Resolves once committed: SQLite synchronous=FULL and PostgreSQL's synchronous_commit make that durable. */
  private write<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  private read<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    const builder = this.db.transaction().setAccessMode('read only');
    // PostgreSQL's default (read committed) takes a new snapshot per statement; SQLite's is per transaction.
    return (this.kind === 'postgres' ? builder.setIsolationLevel('repeatable read') : builder).execute(fn);
  }
}

/** Incidents by id, in the order given, each with its timeline oldest first. */
async function loadIncidents(db: Db, ids: number[]): Promise<Incident[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('incidents').selectAll().where('id', 'in', ids).execute();
  const updates = await db
    .selectFrom('incident_updates')
    .selectAll()
    .where('incident_id', 'in', ids)
    .orderBy('id', 'asc')
    .execute();
  const byIncident = new Map<number, typeof updates>();
  for (const u of updates) {
    const list = byIncident.get(u.incident_id);
    if (list) list.push(u);
    else byIncident.set(u.incident_id, [u]);
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toIncident(row, byIncident.get(id) ?? [])] : [];
  });
}

async function audit(
  trx: Transaction<Database>,
  actor: Actor,
  at: number,
  action: string,
  target: string,
  detail: unknown,
): Promise<void> {
  await trx
    .insertInto('audit')
    .values({ at, actor: actor.name, action, target, detail: JSON.stringify(detail ?? null) })
    .execute();
}

/** SQLite reads a negative LIMIT as "no limit"; PostgreSQL rejects it. Neither is meant. */
function rowLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
}
