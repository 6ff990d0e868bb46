import type { HrTime } from '@opentelemetry/api';

/**
 * Milliseconds since the epoch as OTel's [seconds, nanoseconds]. Written here because
 * @opentelemetry/core (which has the helper) is not a dependency we may resolve, and every time
 * we report comes from Date.now() anyway: one clock, so endTime never precedes startTime.
 */
export function hrTimeFromMillis(ms: number): HrTime {
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.round((ms - seconds * 1000) * 1e6)];
}
