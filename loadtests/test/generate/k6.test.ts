import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { k6Arrivals, k6Thresholds } from '../../src/generate/k6.js';
import { PACKAGE_DIR } from '../../src/generate/outputs.js';
import { PROFILE_DEFAULTS } from '../../src/scale.js';
import { SCENARIOS } from '../../src/scenarios/catalogue.js';
import { planScenario } from '../../src/scenarios/plan.js';
import { loadThresholds } from '../../src/thresholds/fromSpec.js';

const root = join(PACKAGE_DIR, '..');
const thresholds = loadThresholds();
const tsc = (project: string) =>
  spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', project], { cwd: root, encoding: 'utf8' });
// Under loadtests/node_modules, so @types/k6 resolves as it does for loadtests/k6.
const temp = mkdtempSync(join(PACKAGE_DIR, 'node_modules', '.k6-typecheck-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the k6 scripts', () => {
  it('type-check against @types/k6', () => {
    const result = tsc('loadtests/k6/tsconfig.json');
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 60_000);

  it('fail the type check when a script misuses the k6 API', () => {
    const script = readFileSync(join(PACKAGE_DIR, 'k6/morning-login-spike.js'), 'utf8');
    writeFileSync(join(temp, 'broken.js'), script.replace("timeUnit: '1m'", 'timeUnit: 60'));
    writeFileSync(
      join(temp, 'tsconfig.json'),
      JSON.stringify({ extends: join(PACKAGE_DIR, 'k6/tsconfig.json'), include: ['*.js'] }),
    );
    const result = tsc(join(temp, 'tsconfig.json'));
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain('broken.js');
  }, 60_000);

  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s ramps through its phases in both profiles', (_, scenario) => {
    for (const profile of ['smoke', 'full'] as const) {
      const plan = planScenario(scenario, PROFILE_DEFAULTS[profile], thresholds);
      const arrivals = k6Arrivals(plan);
      const seconds = arrivals.stages.reduce((n, s) => n + Number(s.duration.slice(0, -1)), 0);
      expect(seconds).toBe(plan.duration);
      // Per minute: the phases' sessions, give or take k6's whole-number rates.
      let sessions = 0;
      let rate = arrivals.startRate;
      for (const s of arrivals.stages) {
        const d = Number(s.duration.slice(0, -1));
        sessions += ((rate + s.target) / 2 / 60) * d;
        rate = s.target;
      }
      expect(sessions / plan.sessions).toBeGreaterThan(0.97);
      expect(sessions / plan.sessions).toBeLessThan(1.03);
      expect(arrivals.maxVUs).toBeGreaterThanOrEqual(arrivals.preAllocatedVUs);
    }
  });

  it('jump with a 0 s stage where the restart storm changes stage', () => {
    const plan = planScenario('restart-storm', PROFILE_DEFAULTS.full, thresholds);
    const { stages } = k6Arrivals(plan);
    expect(stages).toContainEqual({ target: 3000 * 60, duration: '0s' });
    expect(stages).toContainEqual({ target: 3000 * 60, duration: '1s' });
  });

  it('hold each operation to its SLO: p95 and p99 latency and the error ratio', () => {
    const plan = planScenario('morning-login-spike', PROFILE_DEFAULTS.full, thresholds);
    expect(k6Thresholds(plan)).toMatchObject({
      'http_req_duration{operation:login}': ['p(95)<500', 'p(99)<1000'],
      'http_req_failed{operation:login}': ['rate<0.001'],
      'http_req_failed{operation:register-dispensation}': ['rate<0.005'],
    });
  });

  it('leave the restart storm’s verdict to the driver', () => {
    expect(k6Thresholds(planScenario('restart-storm', PROFILE_DEFAULTS.full, thresholds))).toEqual({});
  });

  it('tag every request with its operation and keep expected denials out of http_req_failed', () => {
    const script = readFileSync(join(PACKAGE_DIR, 'k6/morning-login-spike.js'), 'utf8');
    const requests = script.match(/http\.(get|post)\(/g) ?? [];
    const tags = script.match(/tags: \{ operation: '[a-z-]+', name: '[a-z-]+' \}/g) ?? [];
    expect(requests.length).toBe(6);
    expect(tags.length).toBe(requests.length);
    expect(script).toContain("name: 'login-denied' },\n      responseCallback: http.expectedStatuses(403)");
    expect(script).toContain("executor: 'ramping-arrival-rate'");
  });
});
