import { describe, expect, it } from 'vitest';
import { randomAt, seededRandom } from '../src/index.js';

describe('the one seeded random generator (mulberry32)', () => {
  it('draws what the C reference of mulberry32 draws, here in 32-bit BigInt arithmetic', () => {
    // z = (x += 0x6D2B79F5); z = (z ^ z >> 15) * (z | 1); z ^= z + (z ^ z >> 7) * (z | 61); z ^ z >> 14
    const M = 0xffffffffn;
    let x = 20_261_124n;
    const reference = () => {
      x = (x + 0x6d2b79f5n) & M;
      let z = x;
      z = ((z ^ (z >> 15n)) * (z | 1n)) & M;
      z = (z ^ (z + (((z ^ (z >> 7n)) * (z | 61n)) & M))) & M;
      return Number(z ^ (z >> 14n)) / 4_294_967_296;
    };
    const random = seededRandom(20_261_124);
    for (let i = 0; i < 1_000; i++) expect(random()).toBe(reference());
  });

  it('gives the same stream for the same seed and another for another seed', () => {
    const a = seededRandom(20_261_124);
    const b = seededRandom(20_261_124);
    const c = seededRandom(20_261_125);
    const drawn = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(drawn);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(drawn);
  });

  it('keeps every number in [0, 1) with a mean near a half', () => {
    const random = seededRandom(7);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const v = random();
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('answers any key in any order with the value the key always has', () => {
    const forward = [1, 2, 3, 1_000_000].map((k) => randomAt(k, 42));
    const backward = [1_000_000, 3, 2, 1].map((k) => randomAt(k, 42)).reverse();
    expect(backward).toEqual(forward);
    expect(new Set(forward).size).toBe(4);
    expect(randomAt(1, 43)).not.toBe(randomAt(1, 42));
  });
});
