/**
 * What the load-test driver pushes to the Pushgateway after each run (loadtests/driver
 * pushSummary.ts and restartStorm.ts), which the load-test dashboard reads: job `artillery`,
 * labels `scenario` and `phase`.
 */
export const LOADTEST_JOB = 'artillery';

export const LOADTEST_SERIES = {
  requests: 'artillery_requests_total',
  requestsPerSecond: 'artillery_requests_per_second',
  peakRequestsPerSecond: 'artillery_peak_requests_per_second',
  vusersCreated: 'artillery_vusers_created_total',
  vusersFailed: 'artillery_vusers_failed_total',
  peakSessionsPerSecond: 'artillery_peak_sessions_per_second',
  operationRequests: 'artillery_operation_requests_total',
  operationErrors: 'artillery_operation_errors_total',
  responseTime: 'artillery_response_time_milliseconds',
  thresholdsPassed: 'artillery_thresholds_passed',
  drainSeconds: 'hartslag_restart_storm_drain_seconds',
  drainRate: 'hartslag_restart_storm_drain_rate_messages_per_second',
  lostMessages: 'hartslag_restart_storm_lost_messages',
  duplicateMessages: 'hartslag_restart_storm_duplicate_messages',
  backlogMessages: 'hartslag_restart_storm_backlog_messages',
} as const;

export const LOADTEST_LABELS = {
  scenario: 'scenario',
  phase: 'phase',
} as const;
