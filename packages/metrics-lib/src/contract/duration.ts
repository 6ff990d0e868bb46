/**
 * The shortest Prometheus duration for whole seconds: 2592000 → "30d", 5400 → "1h30m". Series
 * names (`slo:sli_error:ratio_rate30d`), alert labels and the evaluator's window labels all spell
 * windows this way, so they agree. @hartslag/common spells durations the same way; the contract
 * keeps its own copy because it loads no other package (test/contract/subpaths.test.ts).
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) throw new RangeError(`not a positive duration: ${seconds}`);
  let rest = Math.round(seconds * 1000);
  let out = '';
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}
