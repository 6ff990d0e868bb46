import { parseDuration as parseMilliseconds } from '@hartslag/common';

/** Seconds in a Prometheus duration such as "30d", "1h30m", "90s"; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const ms = parseMilliseconds(text);
  return ms === undefined ? undefined : ms / 1000;
}

export { formatDuration } from '@hartslag/metrics/contract';
