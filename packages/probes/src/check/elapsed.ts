/** Seconds since a `performance.now()` start: monotonic, so a clock step cannot make a negative duration. */
export function secondsSince(start: number): number {
  return Math.max(0, (performance.now() - start) / 1000);
}
