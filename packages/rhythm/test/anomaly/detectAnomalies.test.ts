import { describe, expect, it } from 'vitest';
import { type Band, baselineBand, detectAnomalies, fold } from '../../src/index.js';

const M = 60_000;
const STEP = 5 * M;

/** A band from 90 to 110 around 100 everywhere (width 20: with margin 0.2 the tolerance is 4). */
function flatBand(low = 90, high = 110): Band {
  const n = 288;
  return {
    period: 'day',
    step: STEP,
    quantiles: { low: 0.1, high: 0.9 },
    offsets: Array.from({ length: n }, (_, i) => i * STEP),
    median: new Array(n).fill((low + high) / 2),
    low: new Array(n).fill(low),
    high: new Array(n).fill(high),
    count: new Array(n).fill(4),
    periods: [],
  };
}

function current(values: Record<number, number | null>): (number | null)[] {
  return Array.from({ length: 288 }, (_, i) => (i in values ? values[i]! : 100));
}

describe('anomalies', () => {
  it('flags values beyond the band by more than the margin, and only those', () => {
    const result = detectAnomalies(current({ 10: 114, 11: 114.5, 20: 86, 21: 85.5 }), flatBand());
    expect(result.ranges).toEqual([
      { from: 11 * STEP, to: 12 * STEP, direction: 'above', peak: 4.5 },
      { from: 21 * STEP, to: 22 * STEP, direction: 'below', peak: 4.5 },
    ]);
    expect(result.anomalousMinutes).toBe(10);
  });

  it('merges consecutive buckets and splits on a change of direction or a gap', () => {
    const result = detectAnomalies(current({ 30: 120, 31: 130, 32: 125, 33: 70, 34: null, 35: 60 }), flatBand());
    expect(result.ranges).toEqual([
      { from: 30 * STEP, to: 33 * STEP, direction: 'above', peak: 20 },
      { from: 33 * STEP, to: 34 * STEP, direction: 'below', peak: 20 },
      { from: 35 * STEP, to: 36 * STEP, direction: 'below', peak: 30 },
    ]);
    expect(result.anomalousMinutes).toBe(25);
  });

  it('scales the tolerance with the margin', () => {
    expect(detectAnomalies(current({ 5: 119 }), flatBand(), { margin: 0.5 }).ranges).toEqual([]);
    expect(detectAnomalies(current({ 5: 121 }), flatBand(), { margin: 0.5 }).ranges).toHaveLength(1);
    expect(detectAnomalies(current({ 5: 110.5 }), flatBand(), { margin: 0 }).ranges).toHaveLength(1);
  });

  it('counts any difference from a flat band unless a minimum tolerance is set', () => {
    const quietNight = flatBand(0, 0);
    const oneCall = Array.from({ length: 288 }, (_, i) => (i === 12 ? 1 : 0));
    expect(detectAnomalies(oneCall, quietNight).anomalousMinutes).toBe(5);
    expect(detectAnomalies(oneCall, quietNight, { minTolerance: 1 }).anomalousMinutes).toBe(0);
  });

  it('never flags a bucket without a band', () => {
    const band = flatBand();
    band.low[3] = band.high[3] = band.median[3] = null;
    expect(detectAnomalies(current({ 3: 1000 }), band).ranges).toEqual([]);
  });

  it('accepts a folded period as the current series', () => {
    const start = Date.parse('2026-06-09T00:00:00+02:00');
    const points = Array.from({ length: 288 }, (_, i) => ({ t: start + i * STEP, v: i === 96 ? 200 : 100 }));
    const today = fold(points, { period: 'day', timeZone: 'Europe/Amsterdam', step: STEP }).get('2026-06-09')!;
    expect(detectAnomalies(today, flatBand()).ranges).toEqual([
      { from: 8 * 60 * M, to: 8 * 60 * M + STEP, direction: 'above', peak: 90 },
    ]);
  });

  it('counts the short last bucket of a step that does not divide the day by its real length', () => {
    const step = 7 * M; // 206 buckets, the last one 5 minutes long
    const history = [
      fold([{ t: Date.parse('2026-06-02T21:58:00Z'), v: 1 }], { period: 'day', timeZone: 'Europe/Amsterdam' }).get(
        '2026-06-02',
      )!,
    ];
    const band = baselineBand(history, { step });
    const values = Array.from({ length: 206 }, (_, i) => (i === 205 ? 50 : null));
    expect(detectAnomalies(values, band).ranges).toEqual([
      { from: 205 * step, to: 86_400_000, direction: 'above', peak: 49 },
    ]);
    expect(detectAnomalies(values, band).anomalousMinutes).toBe(5);
  });

  it('rejects a current series on another grid, and a negative margin', () => {
    expect(() => detectAnomalies(new Array(1440).fill(1), flatBand())).toThrowError(
      expect.objectContaining({ code: 'HARTSLAG_ERR_RHYTHM_GRID_MISMATCH' }),
    );
    expect(() => detectAnomalies(current({}), flatBand(), { margin: -1 })).toThrowError(
      expect.objectContaining({ code: 'HARTSLAG_ERR_RHYTHM_OPTION_INVALID' }),
    );
  });
});
