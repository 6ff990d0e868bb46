import type { ArtilleryResult } from './ArtilleryResult.js';
import { LoadtestDriverError } from './errors.js';

export interface PushTarget {
  /** Pushgateway base URL, e.g. `http://127.0.0.1:9091`. */
  url: string;
  /** The `phase` label (default: the run's profile), e.g. `healthy`, `fault`, `storm`. */
  phase?: string;
}

/** Extra gauges pushed with a summary, e.g. `{ hartslag_restart_storm_drain_seconds: 4.2 }`. */
export type ExtraGauges = Record<string, number>;

/**
 * Pushes a run's summary to the Pushgateway as job `artillery` with labels scenario and phase, so
 * load shows up in Prometheus next to the service's own `care_*` series. The driver writes the
 * Prometheus text format itself: Artillery's publish-metrics plugin needs network access to
 * resolve its reporters, and this keeps the numbers identical to the driver's summary.
 */
export async function pushSummary(target: PushTarget, result: ArtilleryResult, extra: ExtraGauges = {}): Promise<void> {
  const phase = target.phase ?? result.profile;
  const path = `/metrics/job/artillery/scenario/${encodeURIComponent(result.scenario)}/phase/${encodeURIComponent(phase)}`;
  const body = renderSummary(result, extra);
  let res: Response;
  try {
    res = await fetch(`${target.url}${path}`, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body });
  } catch (cause) {
    throw pushError(target.url, String(cause), cause);
  }
  if (!res.ok) throw pushError(target.url, `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

function pushError(url: string, why: string, cause?: unknown) {
  return new LoadtestDriverError(
    'HARTSLAG_ERR_LOADTEST_PUSH_FAILED',
    `Pushing the Artillery summary to ${url} failed (${why}). Check that the Pushgateway runs there ` +
      '(`prometheus-pushgateway --web.listen-address=127.0.0.1:9091`).',
    { cause },
  );
}

/** The summary in Prometheus text format (what the Pushgateway accepts). */
export function renderSummary(result: ArtilleryResult, extra: ExtraGauges = {}): string {
  const lines: string[] = [];
  const metric = (name: string, type: 'gauge' | 'counter', help: string, samples: [string, number][]) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) lines.push(`${name}${labels} ${Number.isFinite(value) ? value : 'NaN'}`);
  };
  const ops = Object.entries(result.operations);
  metric('artillery_requests_total', 'counter', 'HTTP requests Artillery sent.', [['', result.requests]]);
  metric('artillery_requests_per_second', 'gauge', 'Mean HTTP requests per second over the run.', [['', result.rps]]);
  metric('artillery_peak_requests_per_second', 'gauge', 'Highest requests per second of a reporting period.', [
    ['', result.peakRps],
  ]);
  metric('artillery_vusers_created_total', 'counter', 'Virtual users (sessions) started.', [
    ['', result.vusersCreated],
  ]);
  metric('artillery_vusers_failed_total', 'counter', 'Virtual users that ended in an error.', [
    ['', result.vusersFailed],
  ]);
  metric('artillery_peak_sessions_per_second', 'gauge', 'Highest sessions started per second of a reporting period.', [
    ['', result.peakSessionsPerSecond],
  ]);
  metric('artillery_operation_requests_total', 'counter', 'Requests per operation.', [
    ...ops.map(([op, o]): [string, number] => [labels({ operation: op }), o.requests]),
  ]);
  metric('artillery_operation_errors_total', 'counter', '5xx responses and transport errors per operation.', [
    ...ops.map(([op, o]): [string, number] => [labels({ operation: op }), o.errors]),
  ]);
  metric('artillery_response_time_milliseconds', 'gauge', 'Response time quantiles per operation.', [
    ...ops.flatMap(([op, o]): [string, number][] =>
      o.latency === undefined
        ? []
        : [
            [labels({ operation: op, quantile: '0.5' }), o.latency.median],
            [labels({ operation: op, quantile: '0.95' }), o.latency.p95],
            [labels({ operation: op, quantile: '0.99' }), o.latency.p99],
          ],
    ),
  ]);
  metric('artillery_thresholds_passed', 'gauge', '1 when every ensure check passed, else 0.', [
    ['', result.thresholdsPassed ? 1 : 0],
  ]);
  for (const [name, value] of Object.entries(extra)) metric(name, 'gauge', 'Load-test measurement.', [['', value]]);
  return `${lines.join('\n')}\n`;
}

function labels(l: Record<string, string>): string {
  const pairs = Object.entries(l).map(
    ([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
  );
  return `{${pairs.join(',')}}`;
}
