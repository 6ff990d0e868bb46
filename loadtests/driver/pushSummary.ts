import { LOADTEST_JOB, LOADTEST_LABELS, LOADTEST_SERIES as S } from '@hartslag/metrics/contract';
import type { ArtilleryResult } from './ArtilleryResult.js';
import { LoadtestDriverError } from './errors.js';

export interface PushTarget {
  /** Pushgateway base URL, e.g. `http://127.0.0.1:9091`. */
  url: string;
  /** The `phase` label (default: the run's profile), e.g. `healthy`, `fault`, `storm`. */
  phase?: string;
}

/** Extra gauges pushed with a summary, e.g. `{ [LOADTEST_SERIES.drainSeconds]: 4.2 }` (@hartslag/metrics/contract). */
export type ExtraGauges = Record<string, number>;

/**
 * Pushes a run's summary to the Pushgateway as job `artillery` with labels scenario and phase, so
 * load shows up in Prometheus next to the service's own `care_*` series. The driver writes the
 * Prometheus text format itself: Artillery's publish-metrics plugin needs network access to
 * resolve its reporters, and this keeps the numbers identical to the driver's summary.
 */
export async function pushSummary(target: PushTarget, result: ArtilleryResult, extra: ExtraGauges = {}): Promise<void> {
  const phase = target.phase ?? result.profile;
  const { scenario, phase: phaseLabel } = LOADTEST_LABELS;
  const path = `/metrics/job/${LOADTEST_JOB}/${scenario}/${encodeURIComponent(result.scenario)}/${phaseLabel}/${encodeURIComponent(phase)}`;
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
  metric(S.requests, 'counter', 'HTTP requests Artillery sent.', [['', result.requests]]);
  metric(S.requestsPerSecond, 'gauge', 'Mean HTTP requests per second over the run.', [['', result.rps]]);
  metric(S.peakRequestsPerSecond, 'gauge', 'Highest requests per second of a reporting period.', [
    ['', result.peakRps],
  ]);
  metric(S.vusersCreated, 'counter', 'Virtual users (sessions) started.', [['', result.vusersCreated]]);
  metric(S.vusersFailed, 'counter', 'Virtual users that ended in an error.', [['', result.vusersFailed]]);
  metric(S.peakSessionsPerSecond, 'gauge', 'Highest sessions started per second of a reporting period.', [
    ['', result.peakSessionsPerSecond],
  ]);
  metric(S.operationRequests, 'counter', 'Requests per operation.', [
    ...ops.map(([op, o]): [string, number] => [labels({ operation: op }), o.requests]),
  ]);
  metric(S.operationErrors, 'counter', '5xx responses and transport errors per operation.', [
    ...ops.map(([op, o]): [string, number] => [labels({ operation: op }), o.errors]),
  ]);
  metric(S.responseTime, 'gauge', 'Response time quantiles per operation.', [
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
  metric(S.thresholdsPassed, 'gauge', '1 when every ensure check passed, else 0.', [
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
