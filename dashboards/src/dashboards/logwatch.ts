import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { LOGWATCH_SERIES as L, LOGWATCH_SOURCE_LABEL } from '@hartslag/metrics/contract';
import { finish, hartslagDashboard, thresholds } from '../shared/dashboard.js';
import { stat, table, timeseries } from '../shared/panels.js';
import { RATE } from '../shared/promql.js';
import { prom } from '../shared/queries.js';

const SOURCE = LOGWATCH_SOURCE_LABEL;
const BY_SOURCE = `by (job, instance, ${SOURCE})`;

/** Seconds within which a stall must be seen (DESIGN: "stalls seen within 3 minutes"). */
const STALL_SECONDS = 180;

/**
 * Seconds since the newest line each log source has read, by the lines' own timestamps: the
 * question a closed zone's operator asks first ("is the log still coming?").
 */
export const LOGWATCH_SILENT_SECONDS = `time() - max ${BY_SOURCE} (${L.lastLineTimestamp})`;

/**
 * hartslag-logwatch itself: is each log source read, parsed and sent on? The call series it
 * records are the contract's, on the other dashboards; this one watches the watcher.
 */
export function logwatch(): Dashboard {
  const b = hartslagDashboard('logwatch', {
    description:
      'hartslag-logwatch itself: lines read and parsed per source, lines rejected and why, how far behind the files it is, the age of its newest line and of its checkpoint, and the push out of a closed zone.',
    variables: [],
    from: 'now-6h',
    tags: ['logwatch'],
  });
  b.withPanel(
    table({
      title: 'Log sources and their newest line',
      description: `Per source, seconds since the newest line logwatch read (by the line's own timestamp). Above ${STALL_SECONDS / 60} minutes on a working day the service stopped writing or logwatch stopped reading: check the lag beside it.`,
      queries: [prom(LOGWATCH_SILENT_SECONDS, '{{source}}', { instant: true, table: true })],
      span: 12,
      height: 7,
      unit: 's',
      thresholds: thresholds([null, 'green'], [60, 'orange'], [STALL_SECONDS, 'red']),
    }),
  );
  b.withPanel(
    stat({
      title: 'Checkpoint age',
      description:
        'Seconds since logwatch last saved its counters and file offsets together. It grows only when the checkpoint directory cannot be written (full, read-only): a restart would then re-read from the last good one, still counting every line once.',
      queries: [prom(`max by (job, instance) (${L.checkpointAge})`, '{{instance}}', { instant: true })],
      span: 6,
      height: 7,
      unit: 's',
      thresholds: thresholds([null, 'green'], [120, 'orange'], [600, 'red']),
    }),
  );
  b.withPanel(
    stat({
      title: 'Files tracked',
      description:
        "Files the sources' paths match now. Zero means a glob matches nothing: a wrong path, or a service that moved its logs.",
      queries: [prom(`sum by (job, instance) (${L.filesTracked})`, '{{instance}}', { instant: true })],
      span: 6,
      height: 7,
      unit: 'short',
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Lines read and parsed per second by source',
      description:
        'Read: every complete line; parsed: those recorded as calls. The gap is the rejected lines below. A source at zero while its service runs is a stall.',
      queries: [
        prom(`sum ${BY_SOURCE} (rate(${L.linesRead}[${RATE}]))`, 'read {{source}}'),
        prom(`sum ${BY_SOURCE} (rate(${L.linesParsed}[${RATE}]))`, 'parsed {{source}}'),
      ],
      span: 12,
      height: 9,
      unit: 'short',
      min: 0,
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Lines rejected per second by reason',
      description:
        'Lines logwatch skipped, by reason: no_match (the format does not fit: a new log layout?), field/outcome/latency/timestamp (a value that does not fit the contract), too_long, invalid_utf8, binary. Never buffered, never a crash; `hartslag-logwatch check` shows how a sample line parses.',
      queries: [prom(`sum by (${SOURCE}, reason) (rate(${L.linesRejected}[${RATE}]))`, '{{source}} {{reason}}')],
      span: 12,
      height: 9,
      unit: 'short',
      min: 0,
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Lag behind the files by source',
      description:
        'Bytes written to the files and not read yet (file size − offset). It rises during a burst and falls back; one that keeps rising means logwatch cannot keep up.',
      queries: [prom(`max ${BY_SOURCE} (${L.lagBytes})`, '{{source}}')],
      span: 12,
      height: 9,
      unit: 'bytes',
      min: 0,
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Push out of the closed zone',
      description:
        'Remote-write requests per second, failed ones (a cut link: they are retried, nothing is lost), snapshots queued on disk, and snapshots dropped (only when the queue limit is reached). Without a push configured these stay empty.',
      queries: [
        prom(`sum by (job, instance) (rate(${L.pushRequests}[${RATE}]))`, 'requests {{instance}}'),
        prom(`sum by (job, instance) (rate(${L.pushFailures}[${RATE}]))`, 'failed {{instance}}'),
        prom(`sum by (job, instance) (${L.pushQueued})`, 'queued {{instance}}'),
        prom(`sum by (job, instance) (rate(${L.pushDropped}[${RATE}]))`, 'dropped {{instance}}'),
      ],
      span: 12,
      height: 9,
      unit: 'short',
      min: 0,
    }),
  );
  return finish(b);
}
