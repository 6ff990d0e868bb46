import { SLO_GAUGES, type SloGaugeNames, sloGaugeNames } from './gauges.js';
import { LOADTEST_SERIES } from './loadtest.js';
import { LOGWATCH_SERIES } from './logwatch.js';
import { DEFAULT_NAMESPACE, METRICS, type MetricNames, metricNames } from './names.js';
import { type PipelineNames, pipelineNames } from './pipeline.js';
import { PERIOD_SERIES, PROMETHEUS_SERIES, SLO_SERIES } from './series.js';

/** Series whose name ends in a window, e.g. `slo:sli_error:ratio_rate30d`: their prefixes. */
const WINDOWED_PREFIXES: readonly string[] = [
  SLO_SERIES.errorRatio,
  SLO_SERIES.calls,
  SLO_SERIES.failedCalls,
  SLO_SERIES.vendorErrorRatio,
  SLO_SERIES.tenantErrorRatio,
  SLO_SERIES.coverage,
].map((name) => name(60).slice(0, -'1m'.length));

/** A window as formatDuration spells it: "5m", "1h30m", "28d". */
const WINDOW = /^(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?:\d+ms)?$/;

/** The sample names of a Prometheus histogram (https://prometheus.io/docs/concepts/metric_types/#histogram). */
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'] as const;

function fixedNames(metrics: MetricNames, gauges: SloGaugeNames, pipelines: PipelineNames): Set<string> {
  const names = new Set<string>([
    ...Object.values(metrics),
    ...HISTOGRAM_SUFFIXES.flatMap((suffix) => [
      `${metrics.callDuration}${suffix}`,
      `${metrics.vendorCallDuration}${suffix}`,
    ]),
    ...Object.values(pipelines),
    ...HISTOGRAM_SUFFIXES.flatMap((suffix) => [
      `${pipelines.stageDuration}${suffix}`,
      `${pipelines.messageAge}${suffix}`,
    ]),
    ...Object.values(gauges),
    ...Object.values(SLO_SERIES).filter((n): n is Extract<typeof n, string> => typeof n === 'string'),
    ...Object.values(PERIOD_SERIES),
    ...Object.values(LOADTEST_SERIES),
    ...Object.values(LOGWATCH_SERIES),
    ...Object.values(PROMETHEUS_SERIES),
  ]);
  return names;
}

const DEFAULT_NAMES = fixedNames(METRICS, SLO_GAUGES, pipelineNames());

/**
 * Whether the contract defines a series of this name: a call metric (or a sample of its
 * histogram), an evaluator gauge, a `slo:` recording (windowed ones for any window), a load-test
 * figure, a logwatch self-metric or a series Prometheus writes itself. Generated rules and dashboards use no others.
 */
export function definesSeries(name: string, namespace: string = DEFAULT_NAMESPACE): boolean {
  const fixed =
    namespace === DEFAULT_NAMESPACE
      ? DEFAULT_NAMES
      : fixedNames(metricNames(namespace), sloGaugeNames(namespace), pipelineNames(namespace));
  if (fixed.has(name)) return true;
  const prefix = WINDOWED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix === undefined) return false;
  const window = name.slice(prefix.length);
  return window !== '' && WINDOW.test(window);
}
