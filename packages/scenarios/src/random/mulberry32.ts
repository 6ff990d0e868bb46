/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): small, fast and seedable, which Math.random is
 * not. Demo data, fixtures and injected faults draw from it so every run and screenshot is the same.
 */
function output(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

const INCREMENT = 0x6d2b79f5;

/** A stream of numbers in [0, 1) from `seed`: the same seed gives the same stream. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + INCREMENT) >>> 0;
    return output(a);
  };
}

/**
 * The number in [0, 1) for `key` (a minute, a day number) under `seed`, without drawing the keys
 * before it: fixtures can ask for any instant in any order and get the same value.
 */
export function randomAt(key: number, seed: number): number {
  return output((Math.imul(key | 0, 0x9e3779b1) ^ seed) + INCREMENT);
}
