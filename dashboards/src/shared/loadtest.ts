/**
 * What the load-test driver pushes to the Pushgateway after each run (loadtests/driver/pushSummary.ts
 * and restartStorm.ts; a test checks the names are still there): job `artillery`, labels
 * `scenario` and `phase`. The Pushgateway adds `push_time_seconds` per group.
 */
export const LOADTEST_JOB = 'artillery';

export const ARTILLERY = {
  requestsPerSecond: 'artillery_requests_per_second',
  peakRequestsPerSecond: 'artillery_peak_requests_per_second',
  vusersCreated: 'artillery_vusers_created_total',
  vusersFailed: 'artillery_vusers_failed_total',
  operationRequests: 'artillery_operation_requests_total',
  operationErrors: 'artillery_operation_errors_total',
  responseTime: 'artillery_response_time_milliseconds',
  thresholdsPassed: 'artillery_thresholds_passed',
  drainSeconds: 'hartslag_restart_storm_drain_seconds',
  lostMessages: 'hartslag_restart_storm_lost_messages',
  duplicateMessages: 'hartslag_restart_storm_duplicate_messages',
  backlogMessages: 'hartslag_restart_storm_backlog_messages',
} as const;

/** Set by the Pushgateway on every push (https://github.com/prometheus/pushgateway#about-timestamps). */
export const PUSH_TIME = 'push_time_seconds';
