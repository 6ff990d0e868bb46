/**
 * hartslag-logwatch's own series (packages/logwatch): the dashboard row about logwatch and the
 * silence rule for a log source that stopped read these names from here. Per-source series have a
 * `source` label (the config's source name); the checkpoint and push series have none.
 */
export const LOGWATCH_SERIES = {
  linesRead: 'hartslag_logwatch_lines_read_total',
  linesParsed: 'hartslag_logwatch_lines_parsed_total',
  linesRejected: 'hartslag_logwatch_lines_rejected_total',
  bytesRead: 'hartslag_logwatch_bytes_read_total',
  lagBytes: 'hartslag_logwatch_lag_bytes',
  lastLineTimestamp: 'hartslag_logwatch_last_line_timestamp_seconds',
  checkpointAge: 'hartslag_logwatch_checkpoint_age_seconds',
  checkpointErrors: 'hartslag_logwatch_checkpoint_errors_total',
  filesTracked: 'hartslag_logwatch_files_tracked',
  pushRequests: 'hartslag_logwatch_push_requests_total',
  pushFailures: 'hartslag_logwatch_push_failures_total',
  pushRejected: 'hartslag_logwatch_push_rejected_total',
  pushDropped: 'hartslag_logwatch_push_dropped_snapshots_total',
  pushQueued: 'hartslag_logwatch_push_queued_snapshots',
  pushLastSuccess: 'hartslag_logwatch_push_last_success_timestamp_seconds',
} as const;

/** The label logwatch's per-source series carry. */
export const LOGWATCH_SOURCE_LABEL = 'source';

/** Why a line was not recorded: the `reason` label of hartslag_logwatch_lines_rejected_total. */
export const LOGWATCH_REJECT_REASONS = [
  'too_long',
  'invalid_utf8',
  'binary',
  'no_match',
  'field',
  'outcome',
  'latency',
  'timestamp',
] as const;
export type LogwatchRejectReason = (typeof LOGWATCH_REJECT_REASONS)[number];
