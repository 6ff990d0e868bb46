/** A latency limit: `percentile` % of calls answer within `maxMs`. */
export interface LatencyLimit {
  percentile: number;
  maxMs: number;
  /** The SLO it comes from. */
  slo: string;
}

/** What a load test must hold for one operation, from the SLO spec. */
export interface OperationThresholds {
  operation: string;
  /** Largest share of calls that may fail (1 − the availability objective). */
  maxErrorRatio?: number;
  errorSlo?: string;
  latency: LatencyLimit[];
}
