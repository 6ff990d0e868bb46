/** The alerting policy lives with the metric contract, shared with the in-process evaluator. */
export {
  ALERT_WINDOWS,
  type AlertWindow,
  BASELINE_WINDOW,
  burnFactor,
  NOW_INTERVAL,
  NOW_WINDOW,
  PAGE_FOR,
  SLI_WINDOWS,
  silenceFor,
} from '@hartslag/metrics/contract';
