import type { Point } from '../../src/index.js';

/** Points every `step` ms from `from` (inclusive) to `to` (exclusive), ISO instants. */
export function series(
  from: string,
  to: string,
  step: number,
  value: (t: number, i: number) => number | null,
): Point[] {
  const out: Point[] = [];
  const end = Date.parse(to);
  for (let t = Date.parse(from), i = 0; t < end; t += step, i++) out.push({ t, v: value(t, i) });
  return out;
}

/** Deterministic Fisher–Yates shuffle (a small LCG), so a failing order can be reproduced. */
export function shuffled<T>(items: readonly T[], seed = 42): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
