import { describe, expect, it } from 'vitest';
import { quantile } from '../../src/index.js';

describe('quantiles, as numpy computes them by default', () => {
  it('interpolates between closest ranks', () => {
    // numpy.quantile([1, 2, 3, 4], [0.1, 0.5, 0.9]) → [1.3, 2.5, 3.7]
    expect(quantile([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3, 12);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    // numpy's own docs: np.quantile([[10, 7, 4], [3, 2, 1]], 0.5) → 3.5
    expect(quantile([1, 2, 3, 4, 7, 10], 0.5)).toBe(3.5);
  });

  it('returns the ends at 0 and 1, the value itself for one value, NaN for none', () => {
    expect(quantile([15, 20, 35, 40, 50], 0)).toBe(15);
    expect(quantile([15, 20, 35, 40, 50], 1)).toBe(50);
    expect(quantile([42], 0.1)).toBe(42);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
