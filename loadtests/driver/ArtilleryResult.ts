/** Latency quantiles of one operation (or of all requests), in milliseconds. */
export interface LatencySummary {
  count: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
}

/** What one named request of the scenario (login, fetch-medication-history …) did during the run. */
export interface OperationResult {
  /** Responses plus transport errors. */
  requests: number;
  /** Responses by HTTP status, e.g. `{ "200": 950, "500": 50 }`. */
  codes: Record<string, number>;
  /** 5xx responses plus transport errors (timeouts, refused connections): what an SLO counts as bad. */
  errors: number;
  /** 4xx responses, e.g. the tenants without a contract that are denied on purpose. */
  rejected: number;
  /** Transport errors by code, e.g. `{ ECONNRESET: 3 }`. */
  transportErrors: Record<string, number>;
  latency: LatencySummary | undefined;
}

/** One `ensure` check as Artillery evaluated it at the end of the run. */
export interface ThresholdCheck {
  expression: string;
  passed: boolean;
}

/** The summary of one Artillery run, read from its JSON report and its `ensure` verdict. */
export interface ArtilleryResult {
  scenario: string;
  profile: string;
  /** Where the JSON report (`--output`) was written. */
  reportPath: string;
  exitCode: number;
  /** Seconds between the first and the last metric of the run. */
  durationSeconds: number;
  requests: number;
  /** Mean requests/s over the run. */
  rps: number;
  /** Highest requests/s of any reporting period (Artillery reports every 10 s). */
  peakRps: number;
  vusersCreated: number;
  vusersFailed: number;
  /** Highest sessions (virtual users) started per second in any reporting period. */
  peakSessionsPerSecond: number;
  latency: LatencySummary | undefined;
  operations: Record<string, OperationResult>;
  /** The `ensure` checks, in the order Artillery printed them. */
  checks: ThresholdCheck[];
  /** True when Artillery exited 0 and every `ensure` check passed. */
  thresholdsPassed: boolean;
}
