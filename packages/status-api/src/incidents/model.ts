import type { Language } from '../i18n/messages.js';
import type { State } from '../state/State.js';

/** Statuspage's incident lifecycle: partners' tooling already knows these words. */
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number];

/**
 * A text in the page's languages. At least one language is set; the page falls back to the
 * default language, then to any language that is set (a Dutch-only incident still shows in French).
 */
export type Texts = Partial<Record<Language, string>>;

export interface IncidentUpdate {
  id: number;
  incidentId: number;
  status: IncidentStatus;
  body: Texts;
  /** ms since the epoch. */
  at: number;
}

export interface Incident {
  id: number;
  title: Texts;
  status: IncidentStatus;
  impact: Impact;
  /** Component ids the incident affects. */
  components: string[];
  /** ms since the epoch. */
  createdAt: number;
  updatedAt: number;
  resolvedAt: number | undefined;
  /** Oldest first. */
  updates: IncidentUpdate[];
}

export interface Maintenance {
  id: number;
  title: Texts;
  body: Texts;
  components: string[];
  /** ms since the epoch; the window is [startsAt, endsAt). */
  startsAt: number;
  endsAt: number;
  cancelled: boolean;
  createdAt: number;
  updatedAt: number;
}

/** Who changed what, and when: every write through the API leaves one. */
export interface AuditEntry {
  id: number;
  at: number;
  /** The token's configured name, never the token. */
  actor: string;
  action: string;
  /** e.g. `incident:12`, `maintenance:3`. */
  target: string;
  /** The request body as accepted, for the record. */
  detail: unknown;
}

/** One component's state in one minute: the uptime history. */
export interface StateMinute {
  component: string;
  /** Minute start, ms since the epoch (a multiple of 60 000). */
  minute: number;
  state: State;
}

/** Call volume of one component in one bucket: calls per second, averaged. */
export interface VolumePoint {
  component: string;
  /** Bucket start, ms since the epoch. */
  at: number;
  rate: number;
}
