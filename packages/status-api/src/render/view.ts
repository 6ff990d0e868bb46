import type { Language } from '../i18n/messages.js';
import type { Incident, Maintenance, Texts } from '../incidents/model.js';
import type { Note } from '../state/providers.js';
import type { State } from '../state/State.js';

/** A name in one language for everybody, or per language (`het eHealth-platform`, `la plateforme eHealth`). */
export type Localized = string | Texts;

/** Notes come from the status board; the page words them. */
export type { Note };

export const UPTIME_WINDOWS = ['24h', '7d', '30d', '90d'] as const;
export type UptimeWindow = (typeof UPTIME_WINDOWS)[number];

export interface UptimeFigure {
  window: UptimeWindow;
  /** 0…1 of the measured minutes that were up; undefined when nothing was measured. */
  ratio: number | undefined;
  /** 0…1 of the window that was measured; below 1 the page says over how much. */
  coverage: number;
}

export interface ComponentView {
  id: string;
  name: string;
  description?: string;
  /** The group of the grouped SLOs this component shows (a vendor or tenant): text from a label value, escaped where shown. */
  group?: string;
  state: State;
  /** ms since the epoch: when the state last changed. */
  since: number;
  notes: Note[];
  uptime: UptimeFigure[];
  /** Trusted SVG produced by our own chart renderer, inserted as is. */
  chartSvg?: string;
}

export interface PageInfo {
  name: string;
  /** The platform's own website; only http(s) URLs are linked. */
  url?: string;
}

export interface PageView {
  lang: Language;
  page: PageInfo;
  /** Absolute URL the service is reachable at, for embed snippets and feed links. */
  baseUrl: string;
  /** IANA time zone the page shows times in, e.g. `Europe/Brussels`; an invalid one falls back to UTC. */
  timeZone: string;
  /** ms since the epoch. */
  generatedAt: number;
  overall: State;
  components: ComponentView[];
  /** Unresolved incidents. */
  activeIncidents: Incident[];
  /** The last 90 days, resolved included. */
  recentIncidents: Incident[];
  /** Upcoming and active. */
  maintenance: Maintenance[];
  /** False: the status cannot be determined right now; measured states are shown as unknown. */
  sourceFresh: boolean;
}

export interface WidgetView {
  lang: Language;
  page: PageInfo;
  baseUrl: string;
  timeZone: string;
  generatedAt: number;
  component: { id: string; name: string; state: State; since: number };
  sourceFresh: boolean;
}

export interface FeedView {
  lang: Language;
  page: PageInfo;
  baseUrl: string;
  timeZone: string;
  /** ms since the epoch; the feed's `updated` when there are no incidents. */
  generatedAt: number;
  /** Any order; the feed keeps the 50 most recently updated. */
  incidents: Incident[];
  /** For component names in entries; unknown ids are shown as they are. */
  components: { id: string; name: string }[];
}

/**
 * Where the public routes live. The renderers link to these; the routes must serve them.
 * `baseUrl` is prefixed by the renderers.
 */
export const PUBLIC_PATHS = {
  page: '/',
  feed: '/feed.atom',
  status: '/v1/status',
  badge: (componentId: string) => `/badge/${encodeURIComponent(componentId)}.svg`,
  widget: (componentId: string) => `/widget/${encodeURIComponent(componentId)}`,
  component: (componentId: string) => `/v1/components/${encodeURIComponent(componentId)}`,
} as const;
