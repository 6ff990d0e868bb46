import type { Generated } from 'kysely';
import type { Impact, IncidentStatus } from '../incidents/model.js';
import type { State } from '../state/State.js';

/*
 * Row types as both databases return them: ms timestamps are bigint columns read as numbers
 * (PostgreSQL's int8 parser is set on the pool), texts and lists are JSON in text columns so one
 * query layer serves SQLite and PostgreSQL alike.
 */

export interface IncidentsTable {
  id: Generated<number>;
  status: IncidentStatus;
  impact: Impact;
  /** JSON array of component ids. */
  components: string;
  /** JSON of Texts. */
  title: string;
  created_at: number;
  updated_at: number;
  /** Set while status is `resolved`, null otherwise. */
  resolved_at: number | null;
}

export interface IncidentUpdatesTable {
  id: Generated<number>;
  incident_id: number;
  status: IncidentStatus;
  /** JSON of Texts. */
  body: string;
  at: number;
}

export interface MaintenanceTable {
  id: Generated<number>;
  title: string;
  body: string;
  components: string;
  starts_at: number;
  ends_at: number;
  /** 0 or 1: SQLite has no boolean type. */
  cancelled: number;
  created_at: number;
  updated_at: number;
}

export interface AuditTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  target: string;
  /** JSON. */
  detail: string;
}

export interface StateMinutesTable {
  component: string;
  minute: number;
  state: State;
}

export interface VolumeTable {
  component: string;
  at: number;
  rate: number;
}

export interface IdempotencyKeysTable {
  actor: string;
  key: string;
  /** sha256 of method, path and body: the same key with another request is refused. */
  fingerprint: string;
  /** The incident or maintenance written; null while the write's transaction runs. */
  result_id: number | null;
  created_at: number;
}

export interface RateLimitsTable {
  /** Route and client address. */
  key: string;
  /** Start of the fixed window the hits count in, ms. */
  window_start: number;
  hits: number;
}

export interface Database {
  incidents: IncidentsTable;
  incident_updates: IncidentUpdatesTable;
  maintenance: MaintenanceTable;
  audit: AuditTable;
  state_minutes: StateMinutesTable;
  volume: VolumeTable;
  idempotency_keys: IdempotencyKeysTable;
  rate_limits: RateLimitsTable;
}

export type StoreKind = 'sqlite' | 'postgres';
