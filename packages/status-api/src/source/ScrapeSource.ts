import { parseDuration } from '@hartslag/common';
import {
  ALERTS,
  CURRENT_BURN_WINDOW,
  DEFAULT_NAMESPACE,
  formatDuration,
  sloGaugeNames,
  TICKET_MIN_COVERAGE,
} from '@hartslag/metrics/contract';
import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import { figuresKey, type SourceReading, type StatusSource } from '../state/State.js';
import { figuresBySlo, groupOf } from './figures.js';
import { SourceError } from './SourceError.js';

export interface ScrapeSourceOptions {
  /** Full URL of the service's metrics endpoint, e.g. http://127.0.0.1:9464/metrics. */
  url: string;
  /** For the whole scrape. Default 5000. */
  timeoutMs?: number;
  /** Extra request headers, e.g. an Authorization header the metrics endpoint wants. */
  headers?: Record<string, string>;
  /** The `namespace` the service's CareMetrics uses. Default "care". */
  namespace?: string;
  /** Only series with this `service` label; default all the endpoint serves. */
  service?: string;
  /** The coffee-break limit, seconds: the gauges carry the outage's length but not its limit. Default 600. */
  outageLimitSeconds?: number;
  fetch?: typeof fetch;
  /** The clock dating each reading, ms since the epoch. Default Date.now. */
  now?: () => number;
}

/** Longest part of a response body an error message quotes. */
const EXCERPT = 200;
/** The `window` label of the error ratio a status page shows, as the evaluator spells it. */
const RATIO_WINDOW = formatDuration(CURRENT_BURN_WINDOW);

/**
 * Reads a service's own `/metrics`: the gauges its in-process SLO evaluator (@hartslag/metrics)
 * exports, for a status service that runs beside the service without a Prometheus. The figures
 * are the evaluator's latest tick (every 30 s), as EmbeddedSource would read them in process. An
 * SLO without calls has no figures, only `judgeable` 0: it reads as too few calls to judge (`unknown`).
 * The coverage gauge tells how much of the SLO window the evaluator's history holds, so a page
 * says "collecting data (x%)" for a service whose history is young, as it does in process.
 */
export class ScrapeSource implements StatusSource {
  // The same figures as EmbeddedSource, from across a socket.
  readonly kind = 'embedded';
  private readonly url: string;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly names: Record<'budget' | 'ratio' | 'outage' | 'alerts' | 'calls' | 'judgeable' | 'coverage', string>;
  private readonly service: string | undefined;
  private readonly outageLimitSeconds: number;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;

  constructor(options: ScrapeSourceOptions) {
    this.url = options.url;
    this.timeoutMs = options.timeoutMs ?? 5000;
    // The classic text format: every client library serves it, OpenMetrics only on request.
    this.headers = { accept: 'text/plain;version=0.0.4;q=1,*/*;q=0.1', ...options.headers };
    const gauges = sloGaugeNames(options.namespace ?? DEFAULT_NAMESPACE);
    this.names = {
      budget: gauges.budgetRemaining,
      ratio: gauges.errorRatio,
      outage: gauges.outageSeconds,
      alerts: gauges.alertFiring,
      calls: gauges.callsPerSecond,
      judgeable: gauges.judgeable,
      coverage: gauges.dataCoverage,
    };
    this.service = options.service;
    this.outageLimitSeconds = options.outageLimitSeconds ?? 600;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? Date.now;
  }

  async read(): Promise<SourceReading> {
    const at = this.now();
    const families = parse(await this.scrape(), this.url);
    const by = new Map(families.map((f) => [f.name, f]));
    if (!by.has(this.names.budget)) {
      throw new SourceError(
        'HARTSLAG_ERR_SOURCE_RESPONSE',
        `${this.url} serves no ${this.names.budget}: create the SLO evaluator (createSloEvaluator) on the CareMetrics ` +
          'whose registry this endpoint serves, or set the namespace that CareMetrics uses',
      );
    }

    const { slos, entry } = figuresBySlo();
    // Several services behind one endpoint may share an SLO name: the worst figure wins, as in PrometheusSource.
    for (const [slo, v] of this.samples(by, this.names.budget)) {
      const f = entry(slo);
      f.budgetRemaining = worst(f.budgetRemaining, v, Math.min);
    }
    for (const [slo, v, labels] of this.samples(by, this.names.ratio)) {
      const f = entry(slo);
      if (labels.window === RATIO_WINDOW) f.errorRatio5m = worst(f.errorRatio5m, v, Math.max);
    }
    for (const [slo, v] of this.samples(by, this.names.outage)) {
      const f = entry(slo);
      // The gauge is there only for SLOs with a maxOutage; the evaluator counts seconds only while one is on.
      const seconds = Math.max(f.outage?.seconds ?? 0, v ?? 0);
      f.outage = { active: seconds > 0, seconds, limit: this.outageLimitSeconds };
    }
    // Services behind one endpoint sharing an SLO name share its traffic: rates add up.
    for (const [slo, v] of this.samples(by, this.names.calls)) {
      if (v !== undefined) entry(slo).callRate = (entry(slo).callRate ?? 0) + v;
    }
    // One service too quiet to judge makes the SLO so: "too few calls" is never hidden by another.
    for (const [slo, v] of this.samples(by, this.names.judgeable)) {
      if (v !== undefined) entry(slo).judgeable = entry(slo).judgeable !== false && v > 0;
    }
    // The evaluator's coverage of the SLO window: under a quarter of it, the budget is "collecting
    // data (x%)", as EmbeddedSource reads it. Shared by several services: the least covered one tells.
    for (const [slo, v, labels] of this.samples(by, this.names.coverage)) {
      const ms = parseDuration(labels.window ?? '');
      if (v === undefined || ms === undefined) continue;
      const f = entry(slo);
      if (f.coverage !== undefined && f.coverage.ratio <= v) continue;
      f.coverage = { ratio: v, window: ms / 1000, collecting: v < TICKET_MIN_COVERAGE };
    }
    for (const [slo, v, labels] of this.samples(by, this.names.alerts)) {
      const f = entry(slo);
      if (v === undefined || v <= 0) continue;
      const alert = { alertname: labels.alertname ?? '', severity: labels.severity ?? '' };
      if (!f.firing.some((a) => a.alertname === alert.alertname && a.severity === alert.severity)) f.firing.push(alert);
      if (alert.alertname === ALERTS.silence) f.silent = true;
    }
    for (const f of slos.values()) {
      f.firing.sort((a, b) => a.alertname.localeCompare(b.alertname) || a.severity.localeCompare(b.severity));
    }
    return { at, slos };
  }

  private async scrape(): Promise<string> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await this.fetch(this.url, { headers: this.headers, signal });
      text = await res.text();
    } catch (err) {
      if (signal.aborted || (err as Error)?.name === 'TimeoutError') {
        throw new SourceError(
          'HARTSLAG_ERR_SOURCE_TIMEOUT',
          `the metrics endpoint ${this.url} did not answer within ${this.timeoutMs} ms; check the service and its ` +
            'load, or raise the timeout',
          { cause: err },
        );
      }
      const cause = (err as { cause?: { code?: string } })?.cause?.code ?? (err as Error)?.message ?? String(err);
      throw new SourceError(
        'HARTSLAG_ERR_SOURCE_UNREACHABLE',
        `cannot reach the metrics endpoint ${this.url} (${cause}); check the URL and that the service is up`,
        { cause: err },
      );
    }
    if (!res.ok) {
      throw new SourceError(
        'HARTSLAG_ERR_SOURCE_RESPONSE',
        `the metrics endpoint ${this.url} answered ${res.status}: ${excerpt(text)}; check the URL (with its path, ` +
          'e.g. /metrics) and the headers it needs',
      );
    }
    const type = res.headers.get('content-type') ?? '';
    if (type !== '' && !/^(?:text\/plain|application\/openmetrics-text)\b/i.test(type)) {
      throw new SourceError(
        'HARTSLAG_ERR_SOURCE_RESPONSE',
        `${this.url} answered ${type}, not the Prometheus text format: ${excerpt(text)}; point the URL at the ` +
          "service's metrics endpoint (e.g. /metrics)",
      );
    }
    return text;
  }

  /** [slo, value, labels] of each sample of a family, of our service. */
  private *samples(
    by: Map<string, PrometheusFamily>,
    name: string,
  ): Generator<[string, number | undefined, Record<string, string>]> {
    for (const m of by.get(name)?.metrics ?? []) {
      const labels = m.labels ?? {};
      if (typeof labels.slo !== 'string') continue;
      if (this.service !== undefined && labels.service !== this.service) continue;
      yield [labels.slo, sampleValue(m.value), labels];
      // A grouped SLO's gauges carry the group label: its figures count for the SLO (worst group) and the group.
      const group = groupOf(labels);
      if (group !== undefined) yield [figuresKey(labels.slo, group), sampleValue(m.value), labels];
    }
  }
}

function parse(text: string, url: string): PrometheusFamily[] {
  try {
    // The parser drops a last sample not followed by a newline.
    return parsePrometheusTextFormat(text.endsWith('\n') ? text : `${text}\n`);
  } catch (err) {
    throw new SourceError(
      'HARTSLAG_ERR_SOURCE_RESPONSE',
      `${url} did not answer in the Prometheus text format (${excerpt((err as Error)?.message ?? String(err))}); ` +
        "point the URL at the service's metrics endpoint",
      { cause: err },
    );
  }
}

/** The text format spells values as Go does: "NaN" is no value, "+Inf" is Infinity. */
function sampleValue(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (raw === '+Inf') return Number.POSITIVE_INFINITY;
  if (raw === '-Inf') return Number.NEGATIVE_INFINITY;
  const n = Number(raw);
  return raw.trim() === '' || Number.isNaN(n) ? undefined : n;
}

function worst(
  a: number | undefined,
  b: number | undefined,
  pick: (x: number, y: number) => number,
): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return pick(a, b);
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
}
