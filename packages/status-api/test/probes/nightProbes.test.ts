import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCareMetrics, createSloEvaluator, type SloObjective } from '@hartslag/metrics';
import { probeOperation } from '@hartslag/metrics/contract';
import { ProbeRunner, type ProbeSpec, type Timers } from '@hartslag/probes';
import { afterEach, describe, expect, it } from 'vitest';
import { buildStatusApi, EmbeddedSource } from '../../src/index.js';

// 03:00 in Amsterdam on a Tuesday: no patient calls at all, only probes.
const NIGHT = Date.parse('2026-11-24T02:00:00Z');
const INTERVAL = 30_000;

/** Timers on the test's clock: `advance` fires what falls due, each at its own due time. */
class NightClock implements Timers {
  t = NIGHT;
  private seq = 0;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  now = () => this.t;
  setTimeout(fn: () => void, ms: number): unknown {
    this.pending.set(++this.seq, { at: this.t + ms, fn });
    return this.seq;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.pending].sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined || due[1].at > end) break;
      this.pending.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
    }
    this.t = end;
  }
}

/** A target whose answer the test switches: the eHealth platform, a video vendor. */
async function target(): Promise<{ url: string; status: number; close(): void }> {
  const t = { url: '', status: 200, close: () => server.close() };
  const server = http.createServer((_req, res) => {
    res.writeHead(t.status);
    res.end(t.status === 200 ? 'ok' : 'unavailable');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
  return t;
}

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function night() {
  const portal = await target();
  const ehealth = await target();
  const videoA = await target();
  const videoB = await target();
  cleanup.push(portal.close, ehealth.close, videoA.close, videoB.close);
  const probe = (name: string, url: string): ProbeSpec => ({
    name,
    intervalMs: INTERVAL,
    timeoutMs: 5_000,
    target: { kind: 'http', url, method: 'GET', expectStatus: [200], headers: {} },
  });
  const probes = [
    probe('portal', portal.url),
    probe('ehealth', ehealth.url),
    probe('video-a', videoA.url),
    probe('video-b', videoB.url),
  ];
  const coffeeBreak = { limit: 600, warnAfter: 300, errorRatio: 0.5 };
  const objectives: SloObjective[] = probes.map((p) => ({
    name: `${p.name}-probe`,
    operation: probeOperation(p.name),
    objective: 0.99,
    window: 30 * 86_400,
    maxOutage: coffeeBreak,
  }));
  const clock = new NightClock();
  const metrics = createCareMetrics({ service: 'probes' });
  const evaluator = createSloEvaluator(metrics, objectives, { now: clock.now, autoStart: false });
  const runner = new ProbeRunner(probes, { metrics, timers: clock });
  const { app, board } = await buildStatusApi({
    page: { name: 'Berichtenplatform', language: 'en' },
    components: [{ id: 'messaging', name: 'Messaging', slos: ['portal-probe'], providers: ['ehealth', 'video'] }],
    providers: [
      { id: 'ehealth', name: 'eHealth platform', slos: ['ehealth-probe'] },
      {
        id: 'video',
        name: 'Video vendor A',
        slos: ['video-a-probe'],
        backup: { name: 'Video vendor B', slos: ['video-b-probe'] },
      },
    ],
    source: new EmbeddedSource(evaluator, clock.now),
    now: clock.now,
    rateLimit: false,
  });
  cleanup.push(
    () => app.close(),
    () => runner.stop(),
    () => evaluator.stop(),
  );
  runner.start();
  evaluator.tick();
  /** Lets `minutes` of the night pass: probes run on their schedule, the evaluator ticks every 30 s. */
  const pass = async (minutes: number) => {
    for (let i = 0; i < minutes * 2; i++) {
      clock.advance(INTERVAL);
      await runner.idle();
      evaluator.tick();
    }
    await board.refresh();
  };
  return { app, board, runner, evaluator, pass, ehealth, videoA };
}

describe('probes at night', () => {
  it('keep a component judged whose only calls are probes, counting exactly the runs the runner made', async () => {
    const n = await night();
    await n.board.refresh();
    // Before the first probe run: nothing to judge by.
    expect(n.board.get('messaging')).toMatchObject({ state: 'unknown' });
    expect(n.board.get('messaging')?.reasons).toContain('slo:portal-probe:too_few_calls');

    await n.pass(10);
    const runs = n.runner.stats('portal');
    expect(runs.finished).toBeGreaterThan(0);
    expect(runs.outcomes.success).toBe(runs.finished);
    const judged = n.evaluator.status().find((s) => s.name === 'portal-probe')?.judgement;
    // The evaluator judged by the probe's own calls, every one of them and nothing else.
    expect(judged?.calls).toBe(runs.finished);
    expect(judged?.judgeable).toBe(true);
    const status = n.board.get('messaging');
    expect(status?.state).toBe('operational');
    expect(status?.reasons).not.toContain('slo:portal-probe:too_few_calls');
    const body = (await n.app.inject('/v1/components/messaging')).json();
    expect(body).toMatchObject({ id: 'messaging', status: 'operational' });
  });

  it('say the eHealth platform is failing when its probe fails, while our own service works', async () => {
    const n = await night();
    await n.pass(30);
    expect(n.board.get('messaging')?.state).toBe('operational');
    n.ehealth.status = 503;
    await n.pass(5);
    const failing = n.runner.stats('ehealth').outcomes.server_error;
    expect(failing).toBeGreaterThan(0);
    const status = n.board.get('messaging');
    expect(status?.reasons).toContain('provider:ehealth:failing');
    expect(status?.notes).toContainEqual({ kind: 'provider_failing', provider: 'eHealth platform', oursWork: true });
    expect(status?.state).toBe('partial_outage');
    // Provider names are isolated in <bdi>: compare the text a reader sees.
    const page = (await n.app.inject({ url: '/', headers: { 'accept-language': 'en' } })).body.replace(/<[^>]+>/g, '');
    expect(page).toContain('Calls to eHealth platform are failing; our services work.');
  });

  it('say calls go to the backup video vendor when only the first vendor probe fails', async () => {
    const n = await night();
    await n.pass(30);
    n.videoA.status = 500;
    await n.pass(5);
    const status = n.board.get('messaging');
    expect(status?.reasons).toContain('provider:video:on_backup');
    expect(status?.notes).toContainEqual({ kind: 'on_backup', provider: 'Video vendor A', backup: 'Video vendor B' });
    expect(status?.state).toBe('degraded');
    // Provider names are isolated in <bdi>: compare the text a reader sees.
    const page = (await n.app.inject({ url: '/', headers: { 'accept-language': 'en' } })).body.replace(/<[^>]+>/g, '');
    expect(page).toContain('Running on the backup provider (Video vendor B) instead of Video vendor A.');
  });
});
