import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  type RunningPrometheus,
  type RunningPushgateway,
  startPrometheus,
  startPushgateway,
  waitFor,
} from '@hartslag/testkit';
import { afterAll, beforeAll, describe, type ExpectStatic, it } from 'vitest';
import {
  type ArtilleryResult,
  type LatencySummary,
  pushSummary,
  type RunningReferencePlatform,
  restartStorm,
  runScenario,
  scriptPhases,
  setFaults,
  startReferencePlatform,
} from '../../driver/index.js';
import { artilleryEnsure, loadThresholds, PROFILE_DEFAULTS, planScenario, type ScenarioId } from '../../src/index.js';

/** The checks the generated script declares: Artillery must print a verdict for each. */
function declaredChecks(scenario: ScenarioId): number {
  const ensure = artilleryEnsure(planScenario(scenario, PROFILE_DEFAULTS.smoke, loadThresholds()));
  return ensure.thresholds.length + ensure.conditions.length;
}

const LATENCY_CHECK =
  /^(?:plugins\.metrics-by-endpoint\.response_time\.(.+)|http\.response_time)\.(median|p95|p99|max)\s*<\s*([\d.]+)/;

/**
 * On a healthy service every answer check passes. A latency check is judged by Artillery against
 * its own measurement, which depends on how busy the machine is: it must agree with the quantile
 * Artillery reported, whichever way it went (a slow CI machine may miss a limit; Artillery must
 * then say so, and only then).
 */
function expectHealthyVerdicts(expect: ExpectStatic, result: ArtilleryResult): void {
  for (const check of result.checks) {
    const m = LATENCY_CHECK.exec(check.expression);
    if (m === null) {
      expect(check.passed, check.expression).toBe(true);
      continue;
    }
    const [, name, quantile, limit] = m as unknown as [string, string | undefined, keyof LatencySummary, string];
    const measured = (name === undefined ? result.latency : result.operations[name]?.latency)?.[quantile];
    expect(measured, `Artillery's own ${quantile} for ${check.expression}`).toBeTypeOf('number');
    if (measured !== Number(limit))
      expect(check.passed, `${check.expression}: measured ${measured}`).toBe(measured! < Number(limit));
  }
  expect(result.thresholdsPassed).toBe(result.exitCode === 0 && result.checks.every((c) => c.passed));
}

/**
 * On a healthy service every session runs its whole flow, so the load generator's own counts
 * agree with each other: one login per session, one of each lookup per login that succeeded,
 * `messages` messages each, and every denied login answered 403.
 */
function expectWholeSessions(expect: ExpectStatic, result: ArtilleryResult, messages: number): void {
  const ops = result.operations;
  const logins = ops.login?.requests ?? 0;
  const denied = ops['login-denied']?.requests ?? 0;
  expect(result.vusersFailed).toBe(0);
  expect(logins + denied).toBe(result.vusersCreated);
  expect(ops.login?.codes['200']).toBe(logins);
  expect(ops['login-denied']?.codes['403'] ?? 0).toBe(denied);
  for (const op of ['fetch-medication-history', 'fetch-prescription', 'register-dispensation'])
    expect(ops[op]?.requests, op).toBe(logins);
  expect(ops['send-message']?.requests).toBe(messages * logins);
}

/**
 * The catalogue's smoke runs with the real Artillery against the reference platform, with the real
 * Prometheus scraping the service and the Pushgateway holding Artillery's summaries. The healthy run
 * goes alone (its latency thresholds must not feel the other runs on a 2-core CI machine); the
 * fault run and the restart storm then run side by side to keep the whole file within 3 minutes.
 */
describe('the load-test scenarios against the reference platform', () => {
  let dir: string;
  let platform: RunningReferencePlatform;
  let stormPort: number;
  let pushgateway: RunningPushgateway;
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hartslag-smoke-'));
    // Half the simulated latency: the smoke run checks that thresholds hold and break, not how fast this machine is.
    [platform, pushgateway, stormPort] = await Promise.all([
      startReferencePlatform({ dataDir: join(dir, 'spike-data'), latencyScale: 0.5 }),
      startPushgateway(),
      freePort(),
    ]);
    // The storm's service keeps one port across its kill -9 and restart, so Prometheus scrapes both lives.
    prometheus = await startPrometheus([
      { job: 'morning-login-spike', target: new URL(platform.url).host },
      { job: 'restart-storm', target: `127.0.0.1:${stormPort}` },
      { job: 'pushgateway', target: new URL(pushgateway.url).host },
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([platform?.stop(), pushgateway?.stop(), prometheus?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes its answer checks on a healthy service (latency verdicts as Artillery measured), and its summary reaches Prometheus through the Pushgateway', async ({
    expect,
  }) => {
    await setFaults(platform.url, {});
    const result = await runScenario({
      scenario: 'morning-login-spike',
      profile: 'smoke',
      target: platform.url,
      outputDir: join(dir, 'healthy'),
    });

    expect(result.checks.length).toBe(declaredChecks('morning-login-spike'));
    expectHealthyVerdicts(expect, result);
    expectWholeSessions(expect, result, 2);
    const history = result.operations['fetch-medication-history'];
    expect(history?.errors).toBe(0);
    expect(history?.latency?.count).toBe(history?.requests);

    await pushSummary({ url: pushgateway.url, phase: 'healthy' }, result);
    // Wait for this run's value, not just any sample: Prometheus scrapes the Pushgateway on its own clock.
    const pushed = await waitFor(
      'Prometheus to scrape the pushed summary',
      async () => {
        const [sample] = await prometheus.query(
          'artillery_operation_requests_total{exported_job="artillery",scenario="morning-login-spike",phase="healthy",operation="fetch-medication-history"}',
        );
        return sample?.value === history?.requests ? sample : undefined;
      },
      15_000,
    );
    expect(pushed.metric.job).toBe('pushgateway');
    // …next to the service's own count of the same calls.
    const served = await prometheus.waitForSeries(
      'sum(care_calls_total{job="morning-login-spike",operation="fetch-medication-history"})',
    );
    expect(served[0]?.value).toBeGreaterThanOrEqual(history?.requests ?? 1);
  }, 120_000);

  it('runs the steady day on a healthy service: every answer check passes, latency verdicts as Artillery measured', async ({
    expect,
  }) => {
    await setFaults(platform.url, {});
    const result = await runScenario({
      scenario: 'steady-day',
      profile: 'smoke',
      target: platform.url,
      outputDir: join(dir, 'steady'),
    });
    expect(result.checks.length).toBe(declaredChecks('steady-day'));
    expectHealthyVerdicts(expect, result);
    expectWholeSessions(expect, result, 2);
    // Every operation of the day is exercised, none failing.
    for (const operation of [
      'login',
      'fetch-medication-history',
      'fetch-prescription',
      'register-dispensation',
      'send-message',
    ]) {
      expect(result.operations[operation]?.requests, operation).toBeGreaterThan(0);
      expect(result.operations[operation]?.errors, operation).toBe(0);
    }
  }, 120_000);

  it.concurrent('fails its thresholds when half of the medication-history lookups fail', async ({ expect }) => {
    await setFaults(platform.url, { errorRatio: 0.5, operations: ['fetch-medication-history'] });
    const result = await runScenario({
      scenario: 'morning-login-spike',
      profile: 'smoke',
      target: platform.url,
      outputDir: join(dir, 'fault'),
    }).finally(() => setFaults(platform.url, {}));

    expect(result.thresholdsPassed).toBe(false);
    expect(result.exitCode).not.toBe(0);
    const history = result.operations['fetch-medication-history'];
    expect(history?.errors).toBeGreaterThan((history?.requests ?? 0) * 0.3);
    const failed = result.checks.filter((c) => !c.passed && c.expression.includes('codes.'));
    expect(failed.map((c) => c.expression)).toEqual([expect.stringContaining('fetch-medication-history.codes.200')]);
    expect(result.operations.login?.errors).toBe(0);
  }, 120_000);

  it.concurrent('loses and duplicates no message when the service is killed with 20,000 queued and every client logs in again', async ({
    expect,
  }) => {
    const result = await restartStorm({
      backlog: 20_000,
      port: stormPort,
      // Sixteen delivery workers drain the backlog within the scenario's drain stage.
      workers: 16,
      dataDir: join(dir, 'storm-data'),
      outputDir: join(dir, 'storm'),
      pushgateway: pushgateway.url,
      keepRunning: true,
    });
    try {
      expect(result.backlogAtKill).toBeGreaterThanOrEqual(20_000);
      expect(result.acknowledged).toBeGreaterThanOrEqual(20_000);
      expect(result.lost).toBe(0);
      expect(result.accepted).toBeGreaterThanOrEqual(result.acknowledged);
      expect(result.delivered).toBe(result.accepted);
      expect(result.duplicates).toBe(0);
      expect(result.backlog).toBe(0);
      expect(result.drainSeconds).toBeGreaterThan(0);
      expect(result.drainRate).toBeGreaterThan(0);

      // The restarted process counts only its own calls: the herd logged in again after the kill.
      const herd = scriptPhases('restart-storm', 'smoke').find((p) => p.name.startsWith('reconnect'));
      expect(herd?.arrivals).toBeGreaterThan(0);
      const metrics = await (await fetch(`${result.url}/metrics`)).text();
      const logins = /^care_calls_total\{[^}]*operation="login",outcome="success"[^}]*\} (\d+)/m.exec(metrics);
      // One session in twenty logs in to a tenant without a contract and is turned away.
      expect(Number(logins?.[1])).toBeGreaterThanOrEqual(0.8 * (herd?.arrivals ?? 1));

      // Prometheus saw the backlog rise while the downstream was down and fall to zero after the restart.
      const peak = await prometheus.query('max_over_time(care_queue_backlog_messages{job="restart-storm"}[10m])');
      expect(peak[0]?.value).toBeGreaterThanOrEqual(10_000);
      await waitFor(
        'the scraped backlog to fall to 0',
        async () =>
          (await prometheus.query('care_queue_backlog_messages{job="restart-storm"}'))[0]?.value === 0
            ? true
            : undefined,
        10_000,
      );

      // The storm's summary and the drain numbers are in the Pushgateway, and Prometheus scraped them.
      const pushed = await (await fetch(`${pushgateway.url}/metrics`)).text();
      expect(pushed).toMatch(/artillery_requests_total\{[^}]*job="artillery"[^}]*phase="storm"[^}]*\}/);
      const fresh = (sample: { value: number } | undefined) =>
        sample !== undefined && Math.abs(sample.value - result.drainRate) < 0.01 ? true : undefined;
      await waitFor(
        'Prometheus to scrape the pushed drain rate',
        async () =>
          fresh(
            (
              await prometheus.query(
                'hartslag_restart_storm_drain_rate_messages_per_second{exported_job="artillery",scenario="restart-storm"}',
              )
            )[0],
          ),
        15_000,
      );
    } finally {
      await result.platform?.stop();
    }
  }, 150_000);
});
