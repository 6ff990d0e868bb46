import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { finish, hartslagDashboard, thresholds } from '../shared/dashboard.js';
import { table, timeseries } from '../shared/panels.js';
import {
  errorRatio,
  LABELS,
  outcomeIs,
  PIPELINE_LABELS,
  PIPELINE_METRICS,
  RATE,
  sel,
  sumRate,
  VAR,
} from '../shared/promql.js';
import { prom } from '../shared/queries.js';

const VARS = [VAR.pipeline, VAR.stage] as const;
const S = sel(VARS);
const { pipeline, stage } = PIPELINE_LABELS;
const BY_STAGE = [pipeline, stage];

/** Seconds within which a stall must be seen (DESIGN: "stalls seen within 3 minutes"). */
const STALL_SECONDS = 180;

/**
 * A stage with messages waiting and none passed on over the rate window: stalled (a stage that
 * fails every message and retries it is not draining either). Only such stages have a series, so
 * the table lists exactly the stalled ones.
 */
export const STALLED_STAGES =
  `max by (${BY_STAGE.join(', ')}) (${PIPELINE_METRICS.queueDepth}${S}) > 0 ` +
  `and on (${BY_STAGE.join(', ')}) ${sumRate(PIPELINE_METRICS.stageCalls, sel(VARS, outcomeIs('success')), BY_STAGE)} == 0`;

/** Throughput, failures, queue depth and message age of each stage of the selected pipelines. */
export function pipelines(): Dashboard {
  const b = hartslagDashboard('pipelines', {
    description:
      'Every stage of a message pipeline (receive, encrypt, store, notify, deliver): messages handled, failures, time per message, queue depth, the oldest waiting message and end-to-end age. A restart storm and a stalled stage show here first.',
    variables: VARS,
    from: 'now-6h',
    tags: ['pipelines'],
  });
  b.withPanel(
    table({
      title: 'Stalled stages',
      description: `Stages with messages waiting and none passed on (successfully) over the last ${RATE}: one row per stalled stage, with its queue depth. Empty when every stage drains.`,
      queries: [prom(STALLED_STAGES, '{{pipeline}} {{stage}}', { instant: true, table: true })],
      span: 24,
      height: 5,
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Messages per second by stage',
      description:
        'Messages each stage finished, whatever the outcome. After a restart the first stages climb and the later ones follow; a stage that stays flat while its queue grows is the bottleneck.',
      queries: [prom(sumRate(PIPELINE_METRICS.stageCalls, S, BY_STAGE), '{{pipeline}} {{stage}}')],
      span: 12,
      height: 9,
      unit: 'reqps',
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Failure ratio by stage',
      description:
        'Share of messages a stage failed on its own side (server_error, timeout). A retrying pipeline hides these from users for a while: the queue behind the stage grows instead.',
      queries: [prom(errorRatio(PIPELINE_METRICS.stageCalls, VARS, BY_STAGE), '{{pipeline}} {{stage}}')],
      span: 12,
      height: 9,
      unit: 'percentunit',
      min: 0,
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Queue depth by stage',
      description:
        'Messages waiting for each stage, as the service reports them. Hundreds of thousands after a restart are normal; a queue that does not shrink while the stage before it still delivers is not.',
      queries: [prom(`max by (${BY_STAGE.join(', ')}) (${PIPELINE_METRICS.queueDepth}${S})`, '{{pipeline}} {{stage}}')],
      span: 12,
      height: 9,
      unit: 'short',
      min: 0,
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Oldest waiting message by stage',
      description: `Age of the oldest message waiting for each stage, computed at every scrape: a stalled stage keeps rising here even when it reports nothing. Above ${STALL_SECONDS / 60} minutes it is a stall.`,
      queries: [
        prom(`max by (${BY_STAGE.join(', ')}) (${PIPELINE_METRICS.oldestMessageAge}${S})`, '{{pipeline}} {{stage}}'),
      ],
      span: 12,
      height: 9,
      unit: 's',
      min: 0,
      thresholdLines: true,
      thresholds: thresholds([null, 'green'], [60, 'orange'], [STALL_SECONDS, 'red']),
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Time per message p95 by stage',
      description:
        'How long a stage works on one message (from care_pipeline_stage_duration_seconds). A slow stage with a short queue is fine; a slow stage with a growing queue needs more workers.',
      queries: [
        prom(
          `histogram_quantile(0.95, ${sumRate(`${PIPELINE_METRICS.stageDuration}_bucket`, S, [...BY_STAGE, 'le'])})`,
          '{{pipeline}} {{stage}}',
        ),
      ],
      span: 12,
      height: 9,
      unit: 's',
    }),
  );
  b.withPanel(
    timeseries({
      title: 'End-to-end age p50 and p99 by stage',
      description:
        "Age of messages when each stage passed them on, from the message's own timestamp. At the last stage this is what the sender waits for: the freshness SLO counts the messages below its threshold.",
      queries: [0.5, 0.99].map((q) =>
        prom(
          `histogram_quantile(${q}, ${sumRate(`${PIPELINE_METRICS.messageAge}_bucket`, S, [...BY_STAGE, 'le'])})`,
          `{{pipeline}} {{stage}} p${q * 100}`,
        ),
      ),
      span: 12,
      height: 9,
      unit: 's',
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Messages per second by stage and outcome',
      description: 'The same messages split by outcome: client_error and denied are the sender\u2019s side.',
      queries: [prom(sumRate(PIPELINE_METRICS.stageCalls, S, [...BY_STAGE, LABELS.outcome]), '{{stage}} {{outcome}}')],
      span: 12,
      height: 9,
      unit: 'reqps',
      stack: true,
    }),
  );
  return finish(b);
}
