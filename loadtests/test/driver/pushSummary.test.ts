import { LOADTEST_SERIES } from '@hartslag/metrics/contract';
import { describe, expect, it } from 'vitest';
import { type ArtilleryResult, renderSummary } from '../../driver/index.js';

const latency = { count: 100, median: 12, p95: 40, p99: 85, max: 120 };

const result: ArtilleryResult = {
  scenario: 'restart-storm',
  profile: 'smoke',
  reportPath: 'report.json',
  exitCode: 0,
  durationSeconds: 60,
  requests: 1200,
  rps: 20,
  peakRps: 31,
  vusersCreated: 300,
  vusersFailed: 2,
  peakSessionsPerSecond: 7,
  latency,
  operations: {
    login: { requests: 1200, codes: { 200: 1195, 503: 5 }, errors: 5, rejected: 0, transportErrors: {}, latency },
  },
  checks: [],
  thresholdsPassed: true,
};

/** Sample lines of the text format as name → value, labels dropped. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(?:\{[^}]*\})? (\S+)$/.exec(line);
    if (m !== null && !out.has(m[1]!)) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

describe('the pushed summary', () => {
  it('carries every load-test series of the metric contract, with the run’s figures', () => {
    const text = renderSummary(result, {
      [LOADTEST_SERIES.backlogMessages]: 20_000,
      [LOADTEST_SERIES.drainSeconds]: 4,
      [LOADTEST_SERIES.drainRate]: 5000,
      [LOADTEST_SERIES.lostMessages]: 0,
      [LOADTEST_SERIES.duplicateMessages]: 1,
    });
    const got = samples(text);
    expect([...got.keys()].sort()).toEqual(Object.values(LOADTEST_SERIES).sort());
    expect(got.get(LOADTEST_SERIES.requests)).toBe(1200);
    expect(got.get(LOADTEST_SERIES.peakRequestsPerSecond)).toBe(31);
    expect(got.get(LOADTEST_SERIES.operationErrors)).toBe(5);
    expect(got.get(LOADTEST_SERIES.responseTime)).toBe(12);
    expect(got.get(LOADTEST_SERIES.thresholdsPassed)).toBe(1);
    expect(got.get(LOADTEST_SERIES.drainRate)).toBe(5000);
  });
});
