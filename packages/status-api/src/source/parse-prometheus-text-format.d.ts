/** The parts of parse-prometheus-text-format 1.1.1 we use; the package ships no types. */
declare module 'parse-prometheus-text-format' {
  /** One sample; values as written ("NaN", "+Inf" included). Histograms and summaries get buckets/quantiles. */
  export interface PrometheusSample {
    value?: string;
    labels?: Record<string, string>;
    timestamp_ms?: string;
    buckets?: Record<string, string>;
    quantiles?: Record<string, string>;
    count?: string;
    sum?: string;
  }

  /** A metric family, as prom2json prints it. */
  export interface PrometheusFamily {
    name: string;
    help: string;
    /** Upper case: GAUGE, COUNTER, HISTOGRAM, SUMMARY, UNTYPED. */
    type: string;
    metrics: PrometheusSample[];
  }

  /** Throws on a malformed line. */
  export default function parsePrometheusTextFormat(text: string): PrometheusFamily[];
}
