import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { artilleryEnsure, artilleryPhases } from '../../src/generate/artillery.js';
import { PACKAGE_DIR } from '../../src/generate/outputs.js';
import { PROFILE_DEFAULTS } from '../../src/scale.js';
import { SCENARIOS } from '../../src/scenarios/catalogue.js';
import { planScenario } from '../../src/scenarios/plan.js';
import { loadThresholds } from '../../src/thresholds/fromSpec.js';

const thresholds = loadThresholds();
const script = (id: string) => parse(readFileSync(join(PACKAGE_DIR, `artillery/${id}.yml`), 'utf8'));

/** Artillery's own ensure plugin, as `artillery run` uses it at the end of a run. */
const requireFromArtillery = createRequire(createRequire(import.meta.url).resolve('artillery/package.json'));
const { Plugin: Ensure } = requireFromArtillery('artillery-plugin-ensure') as {
  Plugin: {
    statsToVars(data: unknown): unknown;
    runChecks(checks: unknown, vars: unknown): { original: string; result: unknown }[];
  };
};

describe.each(SCENARIOS.map((s) => [s.id]))('the Artillery script of %s', (id) => {
  const yml = script(id);

  it('parses, with smoke and full environments whose phases add up to the run', () => {
    for (const profile of ['smoke', 'full'] as const) {
      const plan = planScenario(id, PROFILE_DEFAULTS[profile], thresholds);
      const phases = yml.config.environments[profile].phases as Record<string, number>[];
      expect(phases.length).toBeLessThanOrEqual(20);
      expect(phases.reduce((n, p) => n + (p.duration ?? p.pause ?? 0), 0)).toBe(plan.duration);
      let sessions = 0;
      for (const p of phases) {
        sessions +=
          p.arrivalCount ??
          (p.arrivalRate !== undefined ? ((p.arrivalRate + (p.rampTo ?? p.arrivalRate)) / 2) * p.duration! : 0);
      }
      expect(Math.abs(sessions - plan.sessions)).toBeLessThan(Math.max(5, 0.03 * plan.sessions));
    }
  });

  it('captures the login token and sends it on every later call, naming each request', () => {
    const [care, denied] = yml.scenarios;
    const [login, ...rest] = care.flow;
    expect(login.post.capture).toEqual({ json: '$.token', as: 'token' });
    for (const step of rest) {
      const request = step.get ?? step.post ?? step.loop[0].post;
      expect(request.headers.authorization).toBe('Bearer {{ token }}');
      expect(request.name).toMatch(/^[a-z-]+$/);
    }
    expect(denied.flow[0].post.expect).toEqual([{ statusCode: 403 }]);
    expect(yml.config.plugins['metrics-by-endpoint']).toEqual({ useOnlyRequestNames: true });
  });
});

describe('Artillery phases', () => {
  it('ramp with arrivalRate/rampTo at high rates, count arrivals at low ones, pause through the restart', () => {
    const smoke = artilleryPhases(planScenario('morning-login-spike', PROFILE_DEFAULTS.smoke, thresholds));
    expect(smoke.some((p) => 'rampTo' in p && p.rampTo !== undefined)).toBe(true);
    expect(smoke.some((p) => 'arrivalCount' in p)).toBe(true);
    const storm = artilleryPhases(planScenario('restart-storm', PROFILE_DEFAULTS.full, thresholds));
    expect(storm.map((p) => p.name)).toEqual(['warm 1', 'downstream-down 2', 'restart 3', 'reconnect 4', 'drain 5']);
    expect(storm[2]).toEqual({ name: 'restart 3', pause: 30 });
    expect(storm[3]).toEqual({ name: 'reconnect 4', duration: 1, arrivalCount: 3000 });
  });

  it('are named after the clock time of the day they stand for', () => {
    const full = artilleryPhases(planScenario('morning-login-spike', PROFILE_DEFAULTS.full, thresholds));
    expect(full[0]!.name).toBe('05:30 (1)');
  });
});

describe('Artillery ensure checks', () => {
  const yml = script('morning-login-spike');
  const ensure = yml.config.ensure;
  const healthy = {
    counters: {} as Record<string, number>,
    rates: {},
    summaries: {} as Record<string, Record<string, number>>,
  };
  for (const [name, code] of [
    ['login', 200],
    ['fetch-medication-history', 200],
    ['fetch-prescription', 200],
    ['register-dispensation', 201],
    ['send-message', 202],
  ] as const) {
    healthy.counters[`plugins.metrics-by-endpoint.${name}.codes.${code}`] = 1000;
    healthy.summaries[`plugins.metrics-by-endpoint.response_time.${name}`] = { count: 1000, p95: 40, p99: 90 };
  }
  healthy.summaries['http.response_time'] = { p99: 90 };
  const run = (report: typeof healthy) => {
    (globalThis as { artillery?: unknown }).artillery = { log: () => {} };
    return Ensure.runChecks(ensure, Ensure.statsToVars({ report }));
  };

  it('come from the SLO spec: global p99, per-endpoint p95/p99 and expected-answer ratios', () => {
    expect(yml.config.plugins.ensure).toEqual({});
    expect(ensure.thresholds).toContainEqual({ 'plugins.metrics-by-endpoint.response_time.login.p99': 1000 });
    expect(ensure.conditions).toContainEqual({
      expression:
        'plugins.metrics-by-endpoint.register-dispensation.codes.201 / plugins.metrics-by-endpoint.response_time.register-dispensation.count >= 0.995',
      strict: true,
    });
    expect(artilleryEnsure(planScenario('restart-storm', PROFILE_DEFAULTS.full, thresholds))).toEqual({
      thresholds: [],
      conditions: [],
    });
  });

  it('pass on a healthy run', () => {
    const failed = run(healthy).filter((c) => c.result !== 1);
    expect(failed).toEqual([]);
  });

  it('fail on slow logins, on failed dispensations and when an operation never answered', () => {
    const slow = structuredClone(healthy);
    slow.summaries['plugins.metrics-by-endpoint.response_time.login']!.p99 = 1500;
    slow.counters['plugins.metrics-by-endpoint.register-dispensation.codes.201'] = 990;
    delete slow.counters['plugins.metrics-by-endpoint.send-message.codes.202'];
    const failed = run(slow)
      .filter((c) => c.result !== 1)
      .map((c) => c.original);
    expect(failed).toEqual([
      'plugins.metrics-by-endpoint.response_time.login.p99 < 1000',
      expect.stringContaining('register-dispensation.codes.201'),
      expect.stringContaining('send-message.codes.202'),
    ]);
  });
});
