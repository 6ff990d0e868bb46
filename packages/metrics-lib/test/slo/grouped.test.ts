import { describe, expect, it } from 'vitest';
import { type CareMetrics, createCareMetrics, type HartslagError } from '../../src/index.js';
import { createSloEvaluator, type SloEvaluator } from '../../src/slo/SloEvaluator.js';
import type { SloObjective } from '../../src/slo/SloObjective.js';
import type { SloStatus } from '../../src/slo/SloStatus.js';
import { samplesOf } from '../support/samples.js';
import { AVAILABILITY, MONDAY, SERVICE, TICK } from './simulation.js';

/** 99.9 % per vendor over 30 days, the two busiest vendors on their own. */
const BY_VENDOR: SloObjective = { ...AVAILABILITY, name: 'by-vendor', groupBy: { label: 'vendor', top: 2 } };

/** Calls per vendor in one tick: ok and failed. */
type Mix = Record<string, { ok: number; failed?: number }>;

function grouped(objective: SloObjective = BY_VENDOR) {
  const metrics = createCareMetrics({ service: SERVICE });
  let now = MONDAY;
  const slo = createSloEvaluator(metrics, [objective], { now: () => now, autoStart: false });
  slo.tick();
  const run = (seconds: number, mix: Mix) => {
    for (let n = 0; n < seconds / TICK; n++) {
      now += TICK * 1000;
      record(metrics, mix);
      slo.tick();
    }
  };
  return { metrics, slo, run, byGroup: () => byGroup(slo) };
}

function record(metrics: CareMetrics, mix: Mix): void {
  for (const [vendor, { ok, failed = 0 }] of Object.entries(mix)) {
    // Vendors are counted per call of a tenant (a pharmacy) using their software.
    const call = { operation: 'fetch-medication-history', tenant: `pharmacy-of-${vendor}`, vendor };
    for (let i = 0; i < ok; i++) metrics.recordCall({ ...call, outcome: 'success', code: 200 });
    for (let i = 0; i < failed; i++) metrics.recordCall({ ...call, outcome: 'server_error', code: 503 });
  }
}

function byGroup(slo: SloEvaluator): Map<string, SloStatus> {
  return new Map(slo.status().map((s) => [s.group!.value, s]));
}

/** Two busy vendors, one failing a tenth of its calls; two small ones that share `__other__`. */
const MIX: Mix = {
  'apotheek-soft': { ok: 100 },
  'medi-sys': { ok: 45, failed: 5 },
  kleinsoft: { ok: 5 },
  'tiny-ict': { ok: 1 },
};

describe('a grouped SLO in the evaluator', () => {
  it('judges the top N vendors by calls each on their own, and every other vendor together as __other__', () => {
    const g = grouped();
    g.run(3600, MIX);
    const s = g.byGroup();
    expect([...s.keys()]).toEqual(['apotheek-soft', 'medi-sys', '__other__']);
    expect(s.get('medi-sys')!.errorRatios['1h']).toBeCloseTo(0.1, 12);
    expect(s.get('apotheek-soft')!.errorRatios['1h']).toBe(0);
    expect(s.get('__other__')!.errorRatios['1h']).toBe(0);
    // The five-minute rate of the two small vendors together: 6 calls a tick.
    expect(s.get('__other__')!.callRate).toBeCloseTo(6 / TICK, 12);
    expect(s.get('medi-sys')!.group).toEqual({ label: 'vendor', value: 'medi-sys' });
  });

  it('pages for the failing vendor alone, its alerts labelled with the vendor as the rules label them', () => {
    const g = grouped();
    g.run(3600, MIX);
    const firing = g.slo.firingAlerts();
    expect(firing.length).toBeGreaterThan(0);
    expect(new Set(firing.map((a) => a.labels.vendor))).toEqual(new Set(['medi-sys']));
    expect(firing.find((a) => a.severity === 'page')?.labels).toMatchObject({ slo: 'by-vendor', vendor: 'medi-sys' });
  });

  it('keeps budget and coverage per vendor', () => {
    const g = grouped();
    g.run(3600, MIX);
    const s = g.byGroup();
    // 10 % failing on a 0.1 % budget: the 30-day window (an hour of data so far) burns 100×.
    expect(s.get('medi-sys')!.burnRates.period).toBeCloseTo(100, 9);
    expect(s.get('medi-sys')!.budgetRemaining).toBeCloseTo(-99, 9);
    expect(s.get('apotheek-soft')!.budgetRemaining).toBe(1);
    expect(s.get('medi-sys')!.coverage).toMatchObject({ seconds: 3600, collecting: true });
  });

  it('moves a vendor that grows past another into the top N, and the other into __other__', () => {
    const g = grouped();
    g.run(3600, MIX);
    // kleinsoft grows to 500 calls a tick: within a few minutes a day of calls puts it above medi-sys.
    g.run(1800, { ...MIX, kleinsoft: { ok: 500 } });
    expect([...g.byGroup().keys()]).toEqual(['apotheek-soft', 'kleinsoft', '__other__']);
    // medi-sys failures now count under __other__; kleinsoft's state began when it entered the top.
    expect(g.byGroup().get('__other__')!.errorRatios['5m']).toBeCloseTo(5 / 51, 12);
  });

  it('stays at N + 1 statuses however many vendors call', () => {
    const g = grouped({ ...BY_VENDOR, groupBy: { label: 'vendor', top: 3 } });
    const many: Mix = {};
    for (let v = 0; v < 60; v++) many[`vendor-${String(v).padStart(2, '0')}`] = { ok: v + 1 };
    g.run(600, many);
    expect([...g.byGroup().keys()]).toEqual(['vendor-57', 'vendor-58', 'vendor-59', '__other__']);
    expect(g.byGroup().get('__other__')!.callRate).toBeCloseTo((57 * 58) / 2 / TICK, 9);
  });

  it('has no __other__ while every vendor is in the top N', () => {
    const g = grouped({ ...BY_VENDOR, groupBy: { label: 'vendor', top: 5 } });
    g.run(600, MIX);
    expect([...g.byGroup().keys()]).toEqual(['apotheek-soft', 'kleinsoft', 'medi-sys', 'tiny-ict']);
  });

  it('exposes its gauges per vendor, under the vendor label the rules use', async () => {
    const g = grouped();
    g.run(3600, MIX);
    const s = samplesOf(await g.metrics.registry!.metrics(), 'care_slo_error_budget_remaining_ratio');
    expect(s).toEqual(
      new Map([
        [
          'care_slo_error_budget_remaining_ratio{service="medication-history",slo="by-vendor",vendor="apotheek-soft"}',
          1,
        ],
        ['care_slo_error_budget_remaining_ratio{service="medication-history",slo="by-vendor",vendor="medi-sys"}', -99],
        ['care_slo_error_budget_remaining_ratio{service="medication-history",slo="by-vendor",vendor="__other__"}', 1],
      ]),
    );
    g.slo.close();
  });

  it('refuses a grouping it cannot honour, naming the field', () => {
    const metrics = createCareMetrics({ service: SERVICE, registry: false });
    const bad = (groupBy: unknown, extra: object = {}) => {
      try {
        createSloEvaluator(metrics, [{ ...AVAILABILITY, ...extra, groupBy } as SloObjective], { autoStart: false });
      } catch (err) {
        return { code: (err as HartslagError).code, message: (err as Error).message };
      }
      throw new Error('accepted');
    };
    expect(bad({ label: 'hospital', top: 3 })).toMatchObject({
      code: 'HARTSLAG_ERR_CONFIG_INVALID',
      message: expect.stringContaining('objectives[0].groupBy.label'),
    });
    expect(bad({ label: 'vendor', top: 0 }).message).toContain('objectives[0].groupBy.top');
    expect(bad({ label: 'vendor', top: 101 }).message).toContain('objectives[0].groupBy.top');
    expect(bad({ label: 'vendor', top: 2, by: 'x' }).message).toContain('objectives[0].groupBy.by');
    expect(bad('vendor').message).toContain('objectives[0].groupBy');
    expect(bad({ label: 'vendor', top: 2 }, { operation: 'login' }).message).toMatch(
      /objectives\[0\]\.groupBy.*operation/,
    );
    // The spec refuses the same pairs (hartslag.dev/max-outage, hartslag.dev/silence with hartslag.dev/by).
    expect(bad({ label: 'vendor', top: 2 }, { maxOutage: 600 }).message).toMatch(
      /objectives\[0\]\.maxOutage: is not judged per group/,
    );
    expect(
      bad(
        { label: 'vendor', top: 2 },
        { silence: { detectWithin: 180, baselineWeeks: 4, minExpectedRate: 0.1, ratio: 0.2 } },
      ).message,
    ).toMatch(/objectives\[0\]\.silence: is not judged per group/);
  });
});
