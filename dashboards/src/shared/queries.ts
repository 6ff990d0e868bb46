import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { DATASOURCE } from './datasource.js';

export interface QueryOptions {
  /** A, B, C … in the order given when left out. */
  refId?: string;
  /** Instant (one value per series, for stats, gauges and tables) instead of a range. */
  instant?: boolean;
  /** Table format: one row per series with its labels as columns. */
  table?: boolean;
  heatmap?: boolean;
  /** Minimum step, e.g. `1m`, where the rate window must not shrink below the scrape interval. */
  interval?: string;
}

/** A Prometheus query on the provisioned data source. */
export function prom(expr: string, legend: string, options: QueryOptions = {}): DataqueryBuilder {
  const q = new DataqueryBuilder().datasource(DATASOURCE).expr(expr).legendFormat(legend);
  if (options.refId !== undefined) q.refId(options.refId);
  if (options.instant) q.instant();
  else q.range();
  if (options.table) q.format(PromQueryFormat.Table);
  if (options.heatmap) q.format(PromQueryFormat.Heatmap);
  if (options.interval !== undefined) q.interval(options.interval);
  return q;
}

/** Gives queries without one refIds A, B, C … (Grafana needs them unique within a panel). */
export function withRefIds(queries: DataqueryBuilder[]): DataqueryBuilder[] {
  return queries.map((q, i) => {
    const built = q.build() as { refId?: string };
    if (built.refId === undefined) q.refId(String.fromCharCode(65 + i));
    return q;
  });
}
