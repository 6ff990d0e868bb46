import { describe, expect, it } from 'vitest';
import { uptimeOf } from '../../src/history/uptime.js';

describe('uptimeOf', () => {
  it('counts major outage minutes as down and partial outage minutes as 30 % down', () => {
    const u = uptimeOf('24h', { operational: 1400, major_outage: 10, partial_outage: 30 });
    expect(u.ratio).toBeCloseTo(1 - (10 + 0.3 * 30) / 1440, 12);
    expect(u.coverage).toBe(1);
  });

  it('counts degraded and maintenance as up, leaves unknown out and reports the coverage', () => {
    const u = uptimeOf('7d', { operational: 500, degraded: 100, maintenance: 60, unknown: 340 });
    expect(u.ratio).toBe(1);
    expect(u.coverage).toBeCloseTo(660 / (7 * 1440), 12);
  });

  it('has no ratio without a measured minute', () => {
    expect(uptimeOf('90d', { unknown: 10 })).toEqual({ window: '90d', ratio: undefined, coverage: 0 });
    expect(uptimeOf('30d', {})).toEqual({ window: '30d', ratio: undefined, coverage: 0 });
  });
});
