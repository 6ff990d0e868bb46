import { beforeAll, describe, expect, it } from 'vitest';
import type { SloStatus } from '../../src/slo/SloStatus.js';
import { AVAILABILITY, MONDAY, type Simulation, simulate, type Traffic } from './simulation.js';

const HOUR = 3600;
const EIGHT_AM = MONDAY + 8 * HOUR * 1000;
const TEN = 2 * HOUR;

const COFFEE_BREAK = { ...AVAILABILITY, maxOutage: { limit: 600, warnAfter: 300, errorRatio: 0.5 } };

/** Ten calls a tick; all of them fail during `from`…`to` (seconds since 08:00). */
const outage =
  (from: number, to: number) =>
  (t: number): Traffic =>
    t > from && t <= to ? { ok: 0, failed: 10 } : { ok: 10 };

interface Seen {
  severity: string;
  pending?: number;
  firing?: number;
}

/**
 * When each alert (by name and long_window or coffee_break) was first pending and first
 * firing, in seconds after 10:00.
 */
function timeline(run: (each: (s: SloStatus, t: number) => void) => void): Map<string, Seen> {
  const seen = new Map<string, Seen>();
  run((s, t) => {
    for (const a of s.alerts) {
      const key = `${a.alertname} ${a.labels.coffee_break ?? a.labels.long_window}`;
      const e = seen.get(key) ?? { severity: a.severity };
      e[a.state] ??= t - TEN;
      seen.set(key, e);
    }
  });
  return seen;
}

describe('a 12-minute total outage at 10:00', () => {
  const outageSeconds: Array<[number, number]> = [];
  let sim: Simulation;
  let alerts: Map<string, Seen>;
  beforeAll(() => {
    sim = simulate([COFFEE_BREAK], EIGHT_AM);
    alerts = timeline((each) =>
      sim.run(4 * HOUR, outage(TEN, TEN + 720), (s, t) => {
        outageSeconds.push([t - TEN, s.outage!.seconds]);
        each(s, t);
      }),
    );
  });

  it('pages within 3 minutes, through the 1-hour window, after holding for 2 minutes', () => {
    expect(alerts.get('HartslagErrorBudgetBurn 1h')).toEqual({ severity: 'page', pending: 60, firing: 180 });
    expect(alerts.get('HartslagErrorBudgetBurn 6h')?.firing).toBeLessThanOrEqual(5 * 60);
  });

  it('warns that the coffee break is running out after 5 minutes, before 10', () => {
    const { firing } = alerts.get('HartslagOutageRunning warning')!;
    expect(firing).toBeGreaterThanOrEqual(300);
    expect(firing).toBeLessThan(600);
  });

  it('reports the limit breached once the outage has lasted 10 minutes', () => {
    expect(alerts.get('HartslagOutageLimitBreached breached')?.firing).toBe(600);
  });

  it('measures the outage from the tick before it was seen, and back to 0 within a minute of recovery', () => {
    const at = new Map(outageSeconds);
    expect(at.get(0)).toBe(0);
    // Half of the last minute failed at 10:00:30: at the 0.5 error ratio that is an outage.
    expect(at.get(30)).toBe(30);
    expect(at.get(300)).toBe(300);
    expect(at.get(720)).toBe(720);
    expect(at.get(780)).toBe(0);
    expect(outageSeconds.filter(([t, s]) => t >= 780 && s > 0)).toEqual([]);
    expect(sim.status().alerts.filter((a) => a.alertname !== 'HartslagErrorBudgetBurn')).toEqual([]);
  });

  it('shows what it decided in the status, labelled as the generated rules label it', () => {
    const s = simulate([COFFEE_BREAK], EIGHT_AM);
    s.run(TEN + 600, outage(TEN, TEN + 720));
    const status = s.status();
    expect(status.outage).toEqual({ active: true, seconds: 600, limit: 600 });
    const slo = { slo: 'medication-history', service: 'medication-history' };
    // Two hours of history are less than the quarter of a day a ticket needs: pages only.
    expect(s.slo.firingAlerts().map((a) => [a.alertname, a.labels])).toEqual([
      ['HartslagErrorBudgetBurn', { ...slo, severity: 'page', tier: 'page-1h', long_window: '1h' }],
      ['HartslagErrorBudgetBurn', { ...slo, severity: 'page', tier: 'page-6h', long_window: '6h' }],
      ['HartslagOutageRunning', { ...slo, severity: 'page', coffee_break: 'warning' }],
      ['HartslagOutageLimitBreached', { ...slo, severity: 'page', coffee_break: 'breached' }],
    ]);
    const breached = status.alerts.find((a) => a.alertname === 'HartslagOutageLimitBreached')!;
    expect(breached.activeSince).toBe(EIGHT_AM + (TEN + 600) * 1000);
    expect(JSON.parse(JSON.stringify(status))).toEqual(JSON.parse(JSON.stringify(s.slo.status()[0])));
  });
});

describe('a 90-second blip at 10:00', () => {
  it('is pending for a page while the last minute still fails, but never pages', () => {
    const sim = simulate([COFFEE_BREAK], EIGHT_AM);
    const alerts = timeline((each) => sim.run(4 * HOUR, outage(TEN, TEN + 90), each));
    expect(alerts.get('HartslagErrorBudgetBurn 1h')).toEqual({ severity: 'page', pending: 60 });
    expect([...alerts.values()].filter((a) => a.severity === 'page' && a.firing !== undefined)).toEqual([]);
  });
});

describe('an outage when no one calls', () => {
  it('is no outage: without calls there is no error ratio', () => {
    const sim = simulate([COFFEE_BREAK], EIGHT_AM);
    sim.run(HOUR, () => ({ ok: 0 }));
    expect(sim.status().outage).toEqual({ active: false, seconds: 0, limit: 600 });
    expect(sim.status().alerts).toEqual([]);
  });
});
