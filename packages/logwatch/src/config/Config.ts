import type { Outcome } from '@hartslag/metrics';

export type FormatKind = 'regex' | 'json' | 'logfmt';
export const FORMATS: readonly FormatKind[] = ['regex', 'json', 'logfmt'];

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
  /** The regex with named groups (format regex). */
  pattern?: string;
  timestamp?: TimestampConfig;
  fields: FieldMap;
  codes: CodeRule[];
  /** Outcome for a code no rule names; undefined rejects the line. */
  defaultOutcome?: Outcome;
  maxLineBytes: number;
}

export interface Config {
  file: string;
  service: string;
  checkpoint: { dir: string; intervalSeconds: number };
  listen: { host: string; port: number };
  pollSeconds: number;
  sources: SourceConfig[];
}

export const DEFAULT_ZONE = 'Europe/Brussels';
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;
