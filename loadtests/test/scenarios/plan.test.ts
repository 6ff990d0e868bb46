import { describe, expect, it } from 'vitest';
import { LoadtestError } from '../../src/errors.js';
import { readScale } from '../../src/scale.js';
import { SCENARIOS } from '../../src/scenarios/catalogue.js';
import { planScenario, scenarioById } from '../../src/scenarios/plan.js';
import { loadThresholds } from '../../src/thresholds/fromSpec.js';

const thresholds = loadThresholds();

describe('the catalogue', () => {
  it('holds the morning login spike, the restart storm in two variants and the steady day', () => {
    expect(SCENARIOS.map((s) => s.id)).toEqual([
      'morning-login-spike',
      'restart-storm',
      'restart-storm-jittered',
      'steady-day',
    ]);
  });

  it.each(SCENARIOS.map((s) => [s.id]))('runs %s in CI in at most 45 seconds', (id) => {
    expect(planScenario(id, readScale({ HARTSLAG_PROFILE: 'smoke' }), thresholds).duration).toBeLessThanOrEqual(45);
  });

  it('runs the full morning in real time, or faster with HARTSLAG_TIME_SCALE', () => {
    expect(planScenario('morning-login-spike', readScale({}), thresholds).duration).toBe(8 * 3600);
    const fast = planScenario('morning-login-spike', readScale({ HARTSLAG_TIME_SCALE: '60' }), thresholds);
    expect(fast.duration).toBe(8 * 60);
    expect(fast.scale.timeScale).toBe(60);
  });

  it('starts twice the sessions for twice the peak users', () => {
    const base = planScenario('steady-day', readScale({}), thresholds).sessions;
    const double = planScenario('steady-day', readScale({ HARTSLAG_PEAK_USERS: '6000' }), thresholds).sessions;
    expect(double / base).toBeCloseTo(2, 1);
  });

  it('sizes the restart storm’s backlog from HARTSLAG_BACKLOG', () => {
    const plan = planScenario('restart-storm', readScale({ HARTSLAG_BACKLOG: '40000' }), thresholds);
    const down = plan.stages!.find((s) => s.name === 'downstream-down')!;
    expect(down.rate * down.duration * 20).toBeCloseTo(40_000, -1);
    expect(plan.thresholds).toEqual([]);
  });

  it('holds the morning and the day to the SLO thresholds', () => {
    expect(planScenario('morning-login-spike', readScale({}), thresholds).thresholds).toEqual(thresholds);
  });

  it('names the scenarios it has when asked for one it has not', () => {
    expect(() => scenarioById('evening-rush')).toThrow(LoadtestError);
    expect(() => scenarioById('evening-rush')).toThrow(/morning-login-spike, restart-storm/);
  });
});
