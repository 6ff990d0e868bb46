import type {
  AuditEntry,
  Impact,
  Incident,
  IncidentStatus,
  Maintenance,
  StateMinute,
  Texts,
  VolumePoint,
} from '../incidents/model.js';
import type { State } from '../state/State.js';

export interface NewIncident {
  title: Texts;
  status: Exclude<IncidentStatus, 'resolved'>;
  impact: Impact;
  components: string[];
  /** The first update's text. */
  body: Texts;
}

export interface IncidentChange {
  status?: IncidentStatus;
  impact?: Impact;
  components?: string[];
  title?: Texts;
  /** The update's text: every change is one update on the incident's timeline. */
  body: Texts;
}

export interface NewMaintenance {
  title: Texts;
  body: Texts;
  components: string[];
  startsAt: number;
  endsAt: number;
}

export type MaintenanceChange = Partial<NewMaintenance>;

/** Who writes, for the audit trail. */
export interface Actor {
  /** The token's configured name. */
  name: string;
}

/** How long an Idempotency-Key is remembered: a day covers any client's retries. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** A write's Idempotency-Key: whose, the key, and a digest of the request it came with. */
export interface WriteKey {
  actor: string;
  key: string;
  fingerprint: string;
}

/**
 * What a keyed write did: wrote (`value` undefined when its target did not exist: nothing kept),
 * found the key with the same request (`id` of the first write's result), or with another one.
 */
export type KeyedWrite<T> =
  | { outcome: 'written'; value: T | undefined }
  | { outcome: 'replayed'; id: number }
  | { outcome: 'mismatch' };

/**
 * Incidents, maintenance, audit and history. One implementation (Kysely) over SQLite or
 * PostgreSQL; every write is one transaction together with its audit row, and resolves only once
 * committed (durable: SQLite synchronous=FULL, PostgreSQL's default fsync).
 */
export interface StatusStore {
  readonly kind: 'sqlite' | 'postgres';

  /** Audited as `incident.create` on `incident:<id>`, detail: the input. `now`: integer ms. */
  createIncident(input: NewIncident, actor: Actor, now: number): Promise<Incident>;
  /**
   * undefined when there is no such incident (nothing written, no audit row). Appends one update
   * with the new (or unchanged) status. A resolved incident stays resolved unless `status` says
   * otherwise: then it reopens and `resolvedAt` is cleared. Resolving sets `resolvedAt` once;
   * resolving again keeps the first. Audited as `incident.resolve`, `incident.reopen` or
   * `incident.update`, detail: the change.
   */
  updateIncident(id: number, change: IncidentChange, actor: Actor, now: number): Promise<Incident | undefined>;
  getIncident(id: number): Promise<Incident | undefined>;
  /** Newest (highest id) first. `open`: only unresolved ones. `before`: an id; the page below it. */
  listIncidents(query: { open?: boolean; limit: number; before?: number }): Promise<Incident[]>;

  /** Audited as `maintenance.schedule`, `maintenance.update`, `maintenance.cancel` on `maintenance:<id>`. */
  scheduleMaintenance(input: NewMaintenance, actor: Actor, now: number): Promise<Maintenance>;
  /** undefined (and no audit row) when there is no such window; a cancelled one stays cancelled. */
  updateMaintenance(id: number, change: MaintenanceChange, actor: Actor, now: number): Promise<Maintenance | undefined>;
  /** Cancelling a cancelled window again is not an error (and is audited). */
  cancelMaintenance(id: number, actor: Actor, now: number): Promise<Maintenance | undefined>;
  getMaintenance(id: number): Promise<Maintenance | undefined>;
  /**
   * Not cancelled and ending after `endsAfter` (and, with `startsBefore`, starting before it:
   * the windows overlapping a time range, for a monthly report), soonest first.
   */
  listMaintenance(query: { endsAfter: number; startsBefore?: number; limit: number }): Promise<Maintenance[]>;

  /**
   * One audit row for a read that must leave a trace (a partner's view of its own calls), e.g.
   * `partner.view` on `vendor:vendor-a`. Resolves once committed.
   */
  auditRead(actor: Actor, action: string, target: string, detail: unknown, now: number): Promise<void>;
  /** Newest first. `before`: an audit id, like listIncidents. */
  listAudit(query: { limit: number; before?: number }): Promise<AuditEntry[]>;

  /**
   * Runs `write` against this store in one transaction with its key, once per (actor, key) for
   * IDEMPOTENCY_TTL_MS: a second call with the same key and fingerprint gets the first result's id
   * without writing; with another fingerprint, `mismatch`. Concurrent calls with one key (two
   * replicas) wait for each other. A write that finds nothing (undefined) keeps no key.
   */
  once<T extends { id: number }>(
    key: WriteKey,
    now: number,
    write: (store: StatusStore) => Promise<T | undefined>,
  ): Promise<KeyedWrite<T>>;

  /**
   * Records each component's state for a minute. Idempotent: replicas behind a load balancer all
   * record, the first row for (component, minute) stays.
   */
  recordStates(rows: StateMinute[]): Promise<void>;
  /** Minutes per state for one component in [from, to). */
  stateMinutes(component: string, from: number, to: number): Promise<Partial<Record<State, number>>>;

  /** Idempotent like recordStates, per (component, at). */
  recordVolume(rows: VolumePoint[]): Promise<void>;
  /** Points in [from, to), oldest first. */
  volume(component: string, from: number, to: number): Promise<VolumePoint[]>;

  /**
   * Counts one hit on `key` in the fixed window of `windowMs` holding `now`, for every replica on
   * this database at once: the write rate limit. Resolves to the hits so far in the window
   * (this one included) and when the window ends.
   */
  hit(key: string, windowMs: number, now: number): Promise<{ hits: number; resetAt: number }>;

  /**
   * Calls `listener` whenever a write of incidents or maintenance was committed by any process on
   * this database (PostgreSQL LISTEN/NOTIFY), so every replica's board shows it within moments.
   * SQLite has one writer process: never called. Returns the unsubscribe function.
   */
  watch(listener: () => void): () => void;

  close(): Promise<void>;
}
