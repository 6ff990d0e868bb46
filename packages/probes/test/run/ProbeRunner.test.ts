import { createCareMetrics } from '@hartslag/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/check/CheckResult.js';
import type { ProbeSpec } from '../../src/config/ProbeSpec.js';
import { ProbeOptionsError } from '../../src/errors.js';
import { ProbeRunner } from '../../src/run/ProbeRunner.js';
import { phaseOf } from '../../src/schedule/FixedRate.js';
import { ManualTimers } from '../support/ManualTimers.js';
import { closedPort, httpServer, type Running } from '../support/servers.js';

const START = Date.UTC(2026, 0, 5, 3);

function probe(name: string, intervalMs = 30_000): ProbeSpec {
  return { name, intervalMs, timeoutMs: 1_000, target: { kind: 'tcp', host: '127.0.0.1', port: 1 } };
}

/** A check that answers at once from a script, counting its calls and when they came. */
function scripted(timers: ManualTimers, result: Partial<CheckResult> = {}) {
  const calls: Array<{ name: string; at: number }> = [];
  const check = async (p: ProbeSpec): Promise<CheckResult> => {
    calls.push({ name: p.name, at: timers.now() });
    return { outcome: 'success', code: 200, seconds: 0.01, detail: 'ok', ...result };
  };
  return { calls, check };
}

describe('ProbeRunner schedule', () => {
  it('runs each probe on its own phase, once per interval, with no drift', async () => {
    const timers = new ManualTimers(START);
    const { calls, check } = scripted(timers);
    const runner = new ProbeRunner([probe('a'), probe('b')], {
      metrics: createCareMetrics({ service: 'p' }),
      timers,
      check,
    });
    runner.start();
    for (let i = 0; i < 10; i++) {
      timers.advance(30_000);
      await runner.idle();
    }
    await runner.stop();
    for (const name of ['a', 'b']) {
      const at = calls.filter((c) => c.name === name).map((c) => c.at);
      expect(at).toHaveLength(10);
      for (const t of at) expect(t % 30_000).toBe(phaseOf(name, 30_000));
      expect(at.slice(1).map((t, i) => t - at[i]!)).toEqual(new Array(9).fill(30_000));
    }
    expect(runner.stats()).toMatchObject({ runs: 20, finished: 20, skipped: 0 });
  });

  it('after a blocked event loop runs once, late, and counts the missed runs instead of bursting', async () => {
    const timers = new ManualTimers(START);
    const { calls, check } = scripted(timers);
    const runner = new ProbeRunner([probe('a', 10_000)], {
      metrics: createCareMetrics({ service: 'p' }),
      timers,
      check,
    });
    runner.start();
    timers.advance(10_000);
    await runner.idle();
    expect(calls).toHaveLength(1);
    timers.block(45_000);
    await runner.idle();
    // The due times that passed while blocked: START is on the 10 s grid, so they are phase + k·10 s.
    const first = calls[0]!.at;
    const missed = Math.floor((timers.now() - first) / 10_000);
    expect(missed).toBeGreaterThanOrEqual(4);
    // One late run for all of them, not a burst of `missed` back to back.
    expect(calls).toHaveLength(2);
    expect(runner.stats('a')).toMatchObject({ runs: 2, skipped: missed - 1 });
    timers.advance(10_000);
    await runner.idle();
    expect(calls).toHaveLength(3);
    expect(calls[2]!.at % 10_000).toBe(phaseOf('a', 10_000));
    await runner.stop();
  });

  it('skips a due time while the previous run of the same probe is still going', async () => {
    const timers = new ManualTimers(START);
    let release: () => void = () => {};
    let started = 0;
    const check = () => {
      started++;
      return new Promise<CheckResult>((resolve) => {
        release = () => resolve({ outcome: 'success', code: 200, seconds: 1, detail: 'ok' });
      });
    };
    const runner = new ProbeRunner([probe('slow', 10_000)], {
      metrics: createCareMetrics({ service: 'p' }),
      timers,
      check,
    });
    runner.start();
    timers.advance(10_000);
    timers.advance(10_000);
    expect(started).toBe(1);
    expect(runner.stats('slow')).toMatchObject({ runs: 1, finished: 0, skipped: 1 });
    release();
    await runner.stop();
    expect(runner.stats('slow')).toMatchObject({ runs: 1, finished: 1, skipped: 1 });
  });

  it('turns a check that throws into a failed call and keeps the schedule', async () => {
    const timers = new ManualTimers(START);
    const metrics = createCareMetrics({ service: 'p' });
    const runner = new ProbeRunner([probe('buggy', 10_000)], {
      metrics,
      timers,
      check: () => Promise.reject(new Error('boom')),
    });
    runner.start();
    for (let i = 0; i < 3; i++) {
      timers.advance(10_000);
      await runner.idle();
    }
    await runner.stop();
    expect(runner.stats('buggy')).toMatchObject({ runs: 3, finished: 3, outcomes: { server_error: 3 } });
    expect(await metrics.registry?.metrics()).toContain(
      'care_calls_total{service="p",operation="probe:buggy",outcome="server_error",code="error"} 3',
    );
  });

  it('refuses options it cannot run with, naming them', () => {
    expect(() => new ProbeRunner([], { metrics: {} as never })).toThrow(ProbeOptionsError);
    expect(() => new ProbeRunner([probe('a'), probe('a')], { metrics: createCareMetrics({ service: 'p' }) })).toThrow(
      /two probes are named "a"/,
    );
  });
});

describe('ProbeRunner against real targets', () => {
  let up: Running;
  beforeAll(async () => {
    up = await httpServer(200, 'ok');
  });
  afterAll(() => up.close());

  it('records each run as a probe call through CareMetrics, matching its own counts', async () => {
    const timers = new ManualTimers(START);
    const metrics = createCareMetrics({ service: 'probes' });
    const down = await closedPort();
    const probes: ProbeSpec[] = [
      {
        name: 'up',
        intervalMs: 30_000,
        timeoutMs: 5_000,
        target: { kind: 'http', url: `http://127.0.0.1:${up.port}/`, method: 'GET', expectStatus: [200], headers: {} },
      },
      { name: 'down', intervalMs: 30_000, timeoutMs: 5_000, target: { kind: 'tcp', host: '127.0.0.1', port: down } },
    ];
    const seen: string[] = [];
    const runner = new ProbeRunner(probes, { metrics, timers, onResult: (p, r) => seen.push(`${p.name} ${r.code}`) });
    runner.start();
    for (let i = 0; i < 4; i++) {
      timers.advance(30_000);
      await runner.idle();
    }
    await runner.stop();
    const upStats = runner.stats('up');
    const downStats = runner.stats('down');
    expect(upStats.finished).toBe(4);
    expect(downStats.finished).toBe(4);
    const text = (await metrics.registry?.metrics()) ?? '';
    expect(text).toContain(
      `care_calls_total{service="probes",operation="probe:up",outcome="success",code="200"} ${upStats.outcomes.success}`,
    );
    expect(text).toContain(
      `care_calls_total{service="probes",operation="probe:down",outcome="server_error",code="refused"} ${downStats.outcomes.server_error}`,
    );
    expect(seen.filter((s) => s === 'down refused')).toHaveLength(4);
  });
});
