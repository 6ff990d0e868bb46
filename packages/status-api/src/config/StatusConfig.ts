import type { Scope } from '../auth/scopes.js';
import type { Language } from '../i18n/messages.js';
import type { PartnersOptions } from '../partners/Partner.js';
import type { SelfTestOptions } from '../selftest/SelfTestOptions.js';
import type { Component } from './Component.js';
import type { Provider } from './Provider.js';

/** The only `apiVersion` this reader knows; a later, incompatible shape gets a new one. */
export const API_VERSION = 'hartslag.status/v1';

/** The status service's configuration file (`status.yaml`), checked and with defaults filled in. Durations in ms. */
export interface StatusConfig {
  /** The file it was read from, as given. */
  file: string;
  page: PageConfig;
  source: SourceConfig;
  components: Component[];
  providers: Provider[];
  tokens: TokenConfig[];
  /** Partner views; absent: none. */
  partners?: PartnersOptions;
  storage: StorageConfig;
  server: ServerConfig;
  rateLimit: RateLimitConfig;
  /** The browser self-test at /self-test; absent: none. */
  selfTest?: SelfTestOptions;
}

export interface PageConfig {
  /** The platform's name, the page's title. */
  name: string;
  /** Public URL of the status page (for links in feeds and the widget). */
  url?: string;
  /** IANA time zone incident times are shown in, canonical spelling (e.g. "Europe/Amsterdam"). */
  timeZone: string;
  /** Language of texts given once, and of the page when the visitor's browser asks for none we have. Default nl. */
  language: Language;
}

export const SOURCE_KINDS = ['prometheus', 'scrape', 'embedded'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface SourceTiming {
  /** How often the source is read, ms. Default 15000. */
  refreshMs: number;
  /** A reading older than this makes components `unknown`, ms. Default 1.5 × refreshMs; always above it. */
  staleAfterMs: number;
}

/** The timing of a source read over the network. */
export interface RemoteSourceTiming extends SourceTiming {
  /**
   * For one whole reading, ms. Default 5000, or staleAfterMs − refreshMs when that is shorter; never
   * above either that or refreshMs (a reading is dated when it starts).
   */
  timeoutMs: number;
}

interface RemoteSource extends RemoteSourceTiming {
  url: string;
  /** Extra request headers, `${VAR}` references already replaced from the environment. */
  headers: Record<string, string>;
}

/** Prometheus' HTTP API (also Mimir's `/prometheus`, Thanos Query) on the series the @hartslag/slo rules record. */
export interface PrometheusSourceConfig extends RemoteSource {
  kind: 'prometheus';
}

/** A service's own `/metrics`, with the gauges of its in-process SLO evaluator. */
export interface ScrapeSourceConfig extends RemoteSource {
  kind: 'scrape';
  /** Metric name prefix the service's CareMetrics uses. Default "care". */
  namespace: string;
  /** Only series with this `service` label; default all. */
  service?: string;
  /** The coffee-break limit (the gauges do not carry it), seconds. Default 600. */
  outageLimitSeconds: number;
}

/** The in-process evaluator, passed by the program that embeds the status service. */
export interface EmbeddedSourceConfig extends SourceTiming {
  kind: 'embedded';
}

export type SourceConfig = PrometheusSourceConfig | ScrapeSourceConfig | EmbeddedSourceConfig;

/** A token of the write API: its holder, the sha256 hex digest (lower case) of the token, and what it may do. */
export interface TokenConfig {
  name: string;
  sha256: string;
  scopes: Scope[];
  /** Milliseconds since the epoch from which the token is refused. */
  expiresAt?: number;
}

/** Where incidents and maintenance are kept: SQLite by default, PostgreSQL when DATABASE_URL is set. */
export type StorageConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface ServerConfig {
  /** Default 127.0.0.1; 0.0.0.0 in a container behind a proxy. */
  host: string;
  /** Default 8080; 0 picks a free port. */
  port: number;
  /**
   * Addresses or CIDR ranges of the proxies in front (haproxy, ingress): only from them is
   * X-Forwarded-For believed, so rate limits and the audit see the client, not the proxy. Default none.
   */
  trustProxy?: string[];
}

export interface RateLimitConfig {
  /** Per client address, for the public reads. Default 600. */
  readsPerMinute: number;
  /** Per client address, for the token-protected writes. Default 30. */
  writesPerMinute: number;
}
