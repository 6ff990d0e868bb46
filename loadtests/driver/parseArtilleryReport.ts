import type { ArtilleryResult, LatencySummary, OperationResult, ThresholdCheck } from './ArtilleryResult.js';

/** The part of Artillery 2's `--output` JSON the driver reads. */
export interface ArtilleryReportJson {
  aggregate: ArtilleryPeriod;
  intermediate?: ArtilleryPeriod[];
}

type ArtillerySummary = Partial<Record<'count' | 'median' | 'p95' | 'p99' | 'max', number>>;

interface ArtilleryPeriod {
  counters?: Record<string, number>;
  rates?: Record<string, number>;
  summaries?: Record<string, ArtillerySummary>;
  firstMetricAt?: number;
  lastMetricAt?: number;
}

const BY_ENDPOINT = 'plugins.metrics-by-endpoint.';
const LATENCY_BY_ENDPOINT = `${BY_ENDPOINT}response_time.`;
/** ESC [ … m, written without a control character in the source. */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export interface ReportContext {
  scenario: string;
  profile: string;
  reportPath: string;
  exitCode: number;
  /** Artillery's console output: the `ensure` verdict is printed there, not written to the report. */
  console: string;
}

/** Turns Artillery's JSON report and console verdict into the driver's summary. */
export function parseArtilleryReport(report: ArtilleryReportJson, ctx: ReportContext): ArtilleryResult {
  const agg = report.aggregate;
  const counters = agg.counters ?? {};
  const summaries = agg.summaries ?? {};
  const durationSeconds = seconds(agg);
  const requests = counters['http.requests'] ?? 0;
  const checks = parseChecks(ctx.console);
  const periods = (report.intermediate ?? []).filter((p) => seconds(p) >= 1);
  return {
    scenario: ctx.scenario,
    profile: ctx.profile,
    reportPath: ctx.reportPath,
    exitCode: ctx.exitCode,
    durationSeconds,
    requests,
    rps: durationSeconds > 0 ? requests / durationSeconds : 0,
    peakRps: Math.max(0, ...periods.map((p) => (p.counters?.['http.requests'] ?? 0) / seconds(p))),
    vusersCreated: counters['vusers.created'] ?? 0,
    vusersFailed: counters['vusers.failed'] ?? 0,
    peakSessionsPerSecond: Math.max(0, ...periods.map((p) => (p.counters?.['vusers.created'] ?? 0) / seconds(p))),
    latency: latency(summaries['http.response_time']),
    operations: operations(counters, summaries),
    checks,
    thresholdsPassed: ctx.exitCode === 0 && checks.every((c) => c.passed),
  };
}

function seconds(p: ArtilleryPeriod): number {
  return p.firstMetricAt !== undefined && p.lastMetricAt !== undefined ? (p.lastMetricAt - p.firstMetricAt) / 1000 : 0;
}

function latency(s: ArtillerySummary | undefined): LatencySummary | undefined {
  if (s === undefined) return undefined;
  return { count: s.count ?? 0, median: s.median ?? 0, p95: s.p95 ?? 0, p99: s.p99 ?? 0, max: s.max ?? 0 };
}

function operations(
  counters: Record<string, number>,
  summaries: Record<string, ArtillerySummary>,
): Record<string, OperationResult> {
  const ops: Record<string, OperationResult> = {};
  const op = (name: string): OperationResult =>
    (ops[name] ??= { requests: 0, codes: {}, errors: 0, rejected: 0, transportErrors: {}, latency: undefined });
  // Counters are `plugins.metrics-by-endpoint.<operation>.codes.<status>` and `….errors.<code>`;
  // operation names may themselves contain dots, so split from the right.
  for (const [key, value] of Object.entries(counters)) {
    if (!key.startsWith(BY_ENDPOINT) || key.startsWith(LATENCY_BY_ENDPOINT)) continue;
    const m = /^(.+)\.(codes|errors)\.([^.]+)$/.exec(key.slice(BY_ENDPOINT.length));
    if (m === null) continue;
    const [, name, kind, code] = m as unknown as [string, string, string, string];
    const o = op(name);
    o.requests += value;
    if (kind === 'errors') {
      o.transportErrors[code] = (o.transportErrors[code] ?? 0) + value;
      o.errors += value;
    } else {
      o.codes[code] = (o.codes[code] ?? 0) + value;
      const status = Number(code);
      if (status >= 500) o.errors += value;
      else if (status >= 400) o.rejected += value;
    }
  }
  for (const [key, s] of Object.entries(summaries)) {
    if (key.startsWith(LATENCY_BY_ENDPOINT)) op(key.slice(LATENCY_BY_ENDPOINT.length)).latency = latency(s);
  }
  return ops;
}

/** Reads the `Checks:` block the ensure plugin prints: `ok: <expr>` / `fail: <expr> [(optional)]`. */
export function parseChecks(output: string): ThresholdCheck[] {
  // Strip colour codes: Artillery colours `ok`/`fail` when it thinks it writes to a terminal.
  const plain = output.replace(ANSI_COLOUR, '');
  const checks: ThresholdCheck[] = [];
  for (const line of plain.split('\n')) {
    const m = /^(ok|fail): (.+?)\s*$/.exec(line);
    if (m !== null) checks.push({ passed: m[1] === 'ok', expression: m[2] as string });
  }
  return checks;
}
