import type { Outcome } from '@hartslag/metrics';

export type FormatKind = 'regex' | 'grok' | 'json' | 'logfmt';
export const FORMATS: readonly FormatKind[] = ['regex', 'grok', 'json', 'logfmt'];

/** How a line's time is written: ISO 8601 / RFC 3339, epoch seconds or milliseconds, or a Luxon format. */
export interface TimestampConfig {
  field: string;
  /** `iso`, `unix`, `unix_ms`, or a Luxon token format such as `dd/MMM/yyyy:HH:mm:ss`. */
  format: string;
  /** IANA zone for times written without an offset. */
  zone: string;
}

export interface LatencyConfig {
  field: string;
  /** What one unit of the field is, in seconds (ms → 0.001). */
  scale: number;
}

/** Which log field feeds each part of the call contract. */
export interface FieldMap {
  operation: string;
  outcome?: string;
  code?: string;
  tenant?: string;
  vendor?: string;
  latency?: LatencyConfig;
}

/** Code (exact, or a pattern like `5xx`) → outcome. */
export interface CodeRule {
  code: string;
  outcome: Outcome;
  /** Compiled from `code`: `5xx` matches 500-599. */
  test: (code: string) => boolean;
}

export interface SourceConfig {
  name: string;
  /** A directory and a file-name pattern (`*`, `?`, `[…]`), e.g. `/var/log/hub/access.log*`. */
  path: string;
  format: FormatKind;
  /** The regex with named groups (format regex), or the grok pattern (format grok). */
  pattern?: string;
  timestamp?: TimestampConfig;
  fields: FieldMap;
  codes: CodeRule[];
  /** Outcome for a code no rule names; undefined rejects the line. */
  defaultOutcome?: Outcome;
  maxLineBytes: number;
}

/** Prometheus remote-write out, for zones that cannot be scraped. */
export interface PushConfig {
  /** The receiver, e.g. `http://prometheus:9090/api/v1/write`. */
  url: string;
  /** How often the series are read and queued. */
  intervalSeconds: number;
  /** Samples in one request at most. */
  batch: number;
  /** One request's time limit. */
  timeoutSeconds: number;
  /** Longest wait between two tries after failures. */
  maxBackoffSeconds: number;
  /** Snapshots kept while the receiver cannot be reached; older ones go first (totals stay exact). */
  maxQueue: number;
  /** Added to every pushed series (remote-write has no scrape target to add job and instance). */
  labels: Record<string, string>;
}

export const PUSH_DEFAULTS = {
  intervalSeconds: 15,
  batch: 2000,
  timeoutSeconds: 10,
  maxBackoffSeconds: 30,
  maxQueue: 240,
  labels: { job: 'hartslag-logwatch' },
} as const;

export interface Config {
  file: string;
  service: string;
  checkpoint: { dir: string; intervalSeconds: number };
  listen: { host: string; port: number };
  pollSeconds: number;
  sources: SourceConfig[];
  push?: PushConfig;
}

export const DEFAULT_ZONE = 'Europe/Brussels';
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;
