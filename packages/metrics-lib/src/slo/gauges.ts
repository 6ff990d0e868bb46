import { CURRENT_BURN_WINDOW } from '../contract/alerting.js';
import { formatDuration } from '../contract/duration.js';
import { sloGaugeNames } from '../contract/gauges.js';
import { RegistryConflictError } from '../errors.js';
import type { PromMetricJson, PromRegistry, PromValue } from '../export/prometheus/PromRegistry.js';
import type { CareMetrics } from '../record/CareMetrics.js';
import type { SloStatus } from './SloStatus.js';

const SLO_CONFLICT_FIX =
  'Create one SLO evaluator per CareMetrics, and close() the previous one before creating another.';

/** The window label of the current burn rate, as `slo:current_burn_rate:ratio` uses. */
const CURRENT = formatDuration(CURRENT_BURN_WINDOW);

/**
 * The evaluator's figures as gauges, read from the latest status when Prometheus (or anyone)
 * collects: the in-process counterparts of the `slo:*` series the generated rules record.
 * Figures without calls behind them get no sample, as the rules record none.
 * Returns a function that removes them again.
 */
export function registerSloGauges(
  metrics: CareMetrics,
  registry: PromRegistry,
  read: () => readonly SloStatus[],
): () => void {
  const names = sloGaugeNames(metrics.namespace);
  const service = metrics.service;
  // A grouped SLO's figures carry the group under its own label (vendor="…"), as the rules' series do.
  const id = (s: SloStatus): Record<string, string> => ({
    service,
    slo: s.name,
    ...(s.group === undefined ? {} : { [s.group.label]: s.group.value }),
  });
  const defs: Array<{ name: string; help: string; labelNames: string[]; fill: (g: Samples, s: SloStatus) => void }> = [
    {
      name: names.budgetRemaining,
      help: 'Share of the error budget left over the SLO window (1 untouched, 0 spent, below 0 overspent).',
      labelNames: ['service', 'slo'],
      fill: (g, s) => set(g, { ...id(s) }, s.budgetRemaining),
    },
    {
      name: names.burnRate,
      help: 'Error ratio divided by the error budget: over the last 5 minutes, and over the SLO window.',
      labelNames: ['service', 'slo', 'window'],
      fill: (g, s) => {
        set(g, { ...id(s), window: CURRENT }, s.burnRates.current);
        set(g, { ...id(s), window: formatDuration(s.window) }, s.burnRates.period);
      },
    },
    {
      name: names.errorRatio,
      help: 'Share of calls that spent the error budget (server errors, timeouts), by window.',
      labelNames: ['service', 'slo', 'window'],
      fill: (g, s) => {
        for (const [window, v] of Object.entries(s.errorRatios)) set(g, { ...id(s), window }, v);
      },
    },
    {
      name: names.outageSeconds,
      help: 'Length of the outage going on now (0 when none), for the coffee-break rule.',
      labelNames: ['service', 'slo'],
      fill: (g, s) => set(g, { ...id(s) }, s.outage?.seconds),
    },
    {
      name: names.callsPerSecond,
      help: 'Calls per second over the last 5 minutes: the volume a status page charts against a usual day.',
      labelNames: ['service', 'slo'],
      // No calls, no sample: like every figure here, silence is told by absence.
      fill: (g, s) => set(g, { ...id(s) }, s.callRate === 0 ? undefined : s.callRate),
    },
    {
      name: names.judgeable,
      help: '0 while even the last 6 hours hold too few calls to judge by (slo:judgeable of the rules), else 1.',
      labelNames: ['service', 'slo'],
      fill: (g, s) => set(g, { ...id(s) }, s.judgement === undefined ? undefined : Number(s.judgement.judgeable)),
    },
    {
      name: names.dataCoverage,
      help: 'Share of the SLO window the history holds data for (1 once it holds the whole window); under 0.25 the budget is still collecting data.',
      labelNames: ['service', 'slo', 'window'],
      fill: (g, s) => {
        if (s.coverage !== undefined) set(g, { ...id(s), window: formatDuration(s.coverage.window) }, s.coverage.ratio);
      },
    },
    {
      name: names.alertFiring,
      help: '1 for each alert the in-process SLO evaluator has firing.',
      labelNames: ['service', 'slo', 'alertname', 'severity'],
      fill: (g, s) => {
        for (const a of s.alerts) {
          if (a.state === 'firing') g.set({ ...id(s), alertname: a.alertname, severity: a.severity }, 1);
        }
      },
    },
  ];

  for (const d of defs) {
    if (registry.getSingleMetric(d.name) !== undefined) throw new RegistryConflictError(d.name, SLO_CONFLICT_FIX);
  }
  for (const d of defs) {
    // A gauge of our own shape rather than the client's Gauge class: no client is loaded for it, and
    // its samples are read from the latest status when the registry formats it.
    const gauge = {
      name: d.name,
      help: d.help,
      type: 'gauge',
      aggregator: 'sum',
      async get(): Promise<PromMetricJson> {
        const samples = new Samples();
        try {
          for (const s of read()) d.fill(samples, s);
        } catch (err) {
          metrics.instrumentationError(err);
          return { name: d.name, help: d.help, type: 'gauge', values: [], aggregator: 'sum' };
        }
        return { name: d.name, help: d.help, type: 'gauge', values: samples.values(), aggregator: 'sum' };
      },
      // Nothing to zero: every collect reads the figures afresh.
      reset(): void {},
    };
    registry.registerMetric(gauge as never);
  }
  return () => {
    for (const d of defs) registry.removeSingleMetric(d.name);
  };
}

/** One collect's samples; setting the same labels again replaces the value, as a Gauge's set() does. */
class Samples {
  private readonly byLabels = new Map<string, PromValue>();
  set(labels: Record<string, string>, value: number): void {
    this.byLabels.set(JSON.stringify(labels), { labels, value });
  }
  values(): PromValue[] {
    return [...this.byLabels.values()];
  }
}

function set(g: Samples, labels: Record<string, string>, value: number | undefined): void {
  if (value !== undefined && Number.isFinite(value)) g.set(labels, value);
}
