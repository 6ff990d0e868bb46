import { DEFAULT_NAMESPACE, LABELS } from './names.js';

/**
 * Pipeline stages: one message passing through receive → encrypt → store → notify → deliver,
 * each stage scaled on its own. Five families per stage, named like the call metrics
 * (https://prometheus.io/docs/practices/naming/) and documented in docs/metrics.md.
 */
export const PIPELINE_LABELS = {
  pipeline: 'pipeline',
  stage: 'stage',
} as const;

/**
 * What a pipeline or stage name may be: a short identifier chosen by the developer, never a
 * value from a message. Checked (and the PII guard run) when the handle is created.
 */
export const PIPELINE_NAME = /^[a-z][a-z0-9_-]{0,63}$/;

/** Stages one CareMetrics keeps, over all its pipelines: names come from code, not from traffic. */
export const MAX_PIPELINE_STAGES = 256;

/**
 * End-to-end age buckets in seconds: a healthy message pipeline delivers within seconds, a
 * freshness SLO is usually set at 30 s–5 min, and a restart storm releases messages hours old.
 */
export const DEFAULT_AGE_BUCKETS: readonly number[] = Object.freeze([
  0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 14400,
]);

/**
 * The bucket a freshness threshold counts by: its index in DEFAULT_AGE_BUCKETS, -1 when `within`
 * (seconds) is not a bound. Only a bound has a `le` series; any other threshold would find no
 * bucket, and every message would count as stale.
 */
export function freshnessBucket(within: unknown): number {
  return typeof within === 'number' ? DEFAULT_AGE_BUCKETS.indexOf(within) : -1;
}

/** Why `within` cannot be a freshness threshold, for an error naming its field; undefined when it can. */
export function freshnessThresholdProblem(within: unknown): string | undefined {
  if (freshnessBucket(within) >= 0) return undefined;
  return (
    `must be a bucket bound of the message age histogram (${DEFAULT_AGE_BUCKETS.join(', ')} seconds), ` +
    `got ${JSON.stringify(within) ?? String(within)}: no other threshold has a bucket, so every message would count as stale`
  );
}

export interface PipelineNames {
  stageCalls: string;
  stageDuration: string;
  queueDepth: string;
  oldestMessageAge: string;
  messageAge: string;
}

export function pipelineNames(namespace: string = DEFAULT_NAMESPACE): PipelineNames {
  return {
    stageCalls: `${namespace}_pipeline_stage_calls_total`,
    stageDuration: `${namespace}_pipeline_stage_duration_seconds`,
    queueDepth: `${namespace}_pipeline_queue_depth`,
    oldestMessageAge: `${namespace}_pipeline_oldest_message_age_seconds`,
    messageAge: `${namespace}_pipeline_message_age_seconds`,
  };
}

/** The names under the default namespace; what rules and dashboards are generated against. */
export const PIPELINE_METRICS: PipelineNames = Object.freeze(pipelineNames());

export const PIPELINE_HELP: Record<keyof PipelineNames, string> = {
  stageCalls: 'Messages a pipeline stage handled, by pipeline, stage and outcome.',
  stageDuration: 'Time a pipeline stage spent on one message in seconds, by pipeline, stage and outcome.',
  queueDepth: 'Messages waiting for a pipeline stage, as last reported by the service.',
  oldestMessageAge:
    'Age in seconds of the oldest message waiting for a pipeline stage, as of the scrape (0 when none waits).',
  messageAge:
    "Age in seconds of each message that a stage handled successfully, from the message's own timestamp (end-to-end age).",
};

/** Type and labels of each pipeline family, `service` first, in the exporters' label order. */
export const PIPELINE_FAMILY_CONTRACT: Readonly<
  Record<keyof PipelineNames, { type: 'counter' | 'histogram' | 'gauge'; labels: readonly string[] }>
> = Object.freeze({
  stageCalls: {
    type: 'counter',
    labels: [LABELS.service, PIPELINE_LABELS.pipeline, PIPELINE_LABELS.stage, LABELS.outcome],
  },
  stageDuration: {
    type: 'histogram',
    labels: [LABELS.service, PIPELINE_LABELS.pipeline, PIPELINE_LABELS.stage, LABELS.outcome],
  },
  queueDepth: { type: 'gauge', labels: [LABELS.service, PIPELINE_LABELS.pipeline, PIPELINE_LABELS.stage] },
  oldestMessageAge: { type: 'gauge', labels: [LABELS.service, PIPELINE_LABELS.pipeline, PIPELINE_LABELS.stage] },
  messageAge: { type: 'histogram', labels: [LABELS.service, PIPELINE_LABELS.pipeline, PIPELINE_LABELS.stage] },
});

export interface PipelineOtelInstrument {
  name: string;
  unit: string;
  kind: 'counter' | 'histogram' | 'gauge';
  description: string;
  prometheusName: string;
}

/**
 * OpenTelemetry instruments for the pipeline families, named so that the OTel → Prometheus
 * translation (dots to underscores, unit suffix, `_total` on monotonic sums) gives the names above.
 */
export function pipelineOtelInstruments(
  namespace: string,
  names: PipelineNames,
): Record<keyof PipelineNames, PipelineOtelInstrument> {
  const i = (key: keyof PipelineNames, name: string, unit: string): PipelineOtelInstrument => ({
    name: `${namespace}.pipeline.${name}`,
    unit,
    kind: PIPELINE_FAMILY_CONTRACT[key].type,
    description: PIPELINE_HELP[key],
    prometheusName: names[key],
  });
  return {
    stageCalls: i('stageCalls', 'stage.calls', '{message}'),
    stageDuration: i('stageDuration', 'stage.duration', 's'),
    queueDepth: i('queueDepth', 'queue.depth', '{message}'),
    oldestMessageAge: i('oldestMessageAge', 'oldest_message.age', 's'),
    messageAge: i('messageAge', 'message.age', 's'),
  };
}
