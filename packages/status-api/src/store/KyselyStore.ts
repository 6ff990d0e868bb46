import type { Kysely, Transaction } from 'kysely';
import type { AuditEntry, Incident, Maintenance, StateMinute, VolumePoint } from '../incidents/model.js';
import type { State } from '../state/State.js';
import { selectAudit } from './auditQueries.js';
import { countStateMinutes, insertStates, insertVolume, selectVolume } from './historyQueries.js';
import { changeIncident, incidentIds, insertIncident, loadIncidents } from './incidentQueries.js';
import {
  cancelMaintenance,
  changeMaintenance,
  insertMaintenance,
  selectMaintenance,
  upcomingMaintenance,
} from './maintenanceQueries.js';
import { rowLimit } from './queries.js';
import type {
  Actor,
  IncidentChange,
  MaintenanceChange,
  NewIncident,
  NewMaintenance,
  StatusStore,
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
  ) {}

  createIncident(input: NewIncident, actor: Actor, now: number): Promise<Incident> {
    return this.write((trx) => insertIncident(trx, input, actor, now));
  }

  /**
   * A resolved incident stays resolved unless `change.status` says otherwise; then it reopens
   * (`resolved_at` cleared, audited as `incident.reopen`). Resolving again keeps the first
   * `resolvedAt`.
   */
  updateIncident(id: number, change: IncidentChange, actor: Actor, now: number): Promise<Incident | undefined> {
    if (!Number.isSafeInteger(id)) return Promise.resolve(undefined);
    return this.write((trx) => changeIncident(trx, this.kind, id, change, actor, now));
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
    return this.write((trx) => insertMaintenance(trx, input, actor, now));
  }

  /** A cancelled window stays cancelled; its other fields may still be corrected. */
  updateMaintenance(
    id: number,
    change: MaintenanceChange,
    actor: Actor,
    now: number,
  ): Promise<Maintenance | undefined> {
    if (!Number.isSafeInteger(id)) return Promise.resolve(undefined);
    return this.write((trx) => changeMaintenance(trx, id, change, actor, now));
  }

  /** Cancelling twice is not an error: the window stays cancelled and the request is audited. */
  cancelMaintenance(id: number, actor: Actor, now: number): Promise<Maintenance | undefined> {
    if (!Number.isSafeInteger(id)) return Promise.resolve(undefined);
    return this.write((trx) => cancelMaintenance(trx, id, actor, now));
  }

  async getMaintenance(id: number): Promise<Maintenance | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    return selectMaintenance(this.db, id);
  }

  async listMaintenance(query: { endsAfter: number; limit: number }): Promise<Maintenance[]> {
    const limit = rowLimit(query.limit);
    if (limit === 0) return [];
    return upcomingMaintenance(this.db, query.endsAfter, limit);
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
