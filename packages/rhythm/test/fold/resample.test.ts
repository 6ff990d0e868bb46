import { describe, expect, it } from 'vitest';
import { gridOffsets, gridSize, resample } from '../../src/index.js';

const M = 60_000;

describe('resampling onto a grid', () => {
  it('averages within a bucket and leaves empty buckets null', () => {
    const grid = resample(
      [
        { offset: 0, value: 2 },
        { offset: 4 * M, value: 4 },
        { offset: 10 * M, value: 9 },
      ],
      { step: 5 * M },
    );
    expect(grid).toHaveLength(288);
    expect(grid.slice(0, 4)).toEqual([3, null, 9, null]);
    expect(grid.filter((v) => v !== null)).toHaveLength(2);
  });

  it('ignores offsets outside the period', () => {
    const grid = resample(
      [
        { offset: -M, value: 1 },
        { offset: 86_400_000, value: 1 },
      ],
      { step: 60 * M },
    );
    expect(grid.every((v) => v === null)).toBe(true);
  });

  it('sizes grids by wall-clock length, with a short last bucket when the step does not divide it', () => {
    expect(gridSize(5 * M, 'week')).toBe(2016);
    expect(gridSize(7 * M)).toBe(206);
    expect(gridOffsets(6 * 60 * M)).toEqual([0, 6, 12, 18].map((h) => h * 60 * M));
  });
});
