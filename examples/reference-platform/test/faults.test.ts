import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReferencePlatform } from '../src/index.js';
import { ADMIN, bearer, login, removeDir, sample, scrape, startPlatform, until } from './helpers.js';

let platform: ReferencePlatform & { dataDir: string };
beforeEach(async () => {
  platform = await startPlatform();
});
afterEach(async () => {
  await platform.close();
  removeDir(platform.dataDir);
});

async function setFaults(body: unknown) {
  return platform.app.inject({ method: 'PUT', url: '/admin/faults', headers: ADMIN, payload: body as object });
}

describe('the admin switch', () => {
  it('refuses calls without the admin token', async () => {
    const res = await platform.app.inject({ method: 'PUT', url: '/admin/faults', payload: { errorRatio: 1 } });
    expect(res.statusCode).toBe(401);
    expect((await platform.app.inject({ method: 'GET', url: '/admin/faults', headers: ADMIN })).json()).toEqual({});
  });

  it('names every invalid field at once', async () => {
    const res = await setFaults({ errorRatio: 2, stall: 'yes', operations: ['fetch-everything'], colour: 'red' });
    expect(res.statusCode).toBe(400);
    const { error, message } = res.json<{ error: string; message: string }>();
    expect(error).toBe('HARTSLAG_ERR_PLATFORM_FAULTS');
    for (const field of ['errorRatio', 'stall', 'operations', '"colour"']) expect(message).toContain(field);
  });

  it('replaces the faults in force, and {} clears them', async () => {
    await setFaults({ errorRatio: 0.5, operations: ['login'] });
    await setFaults({ latencyMs: 10 });
    expect((await platform.app.inject({ method: 'GET', url: '/admin/faults', headers: ADMIN })).json()).toEqual({
      latencyMs: 10,
    });
    await setFaults({});
    expect((await platform.app.inject({ method: 'GET', url: '/admin/faults', headers: ADMIN })).json()).toEqual({});
  });
});

describe('errorRatio', () => {
  it('at 1 answers 503, counted as server errors of the faulted operation only', async () => {
    const token = await login(platform.app);
    await setFaults({ errorRatio: 1, operations: ['fetch-prescription'] });
    for (let i = 0; i < 3; i++) {
      const res = await platform.app.inject({ method: 'GET', url: `/prescriptions/rx-${i}`, headers: bearer(token) });
      expect(res.statusCode).toBe(503);
    }
    const history = await platform.app.inject({
      method: 'GET',
      url: '/medication-history/p-1',
      headers: bearer(token),
    });
    expect(history.statusCode).toBe(200);
    const text = await scrape(platform.app);
    expect(
      sample(
        text,
        'care_calls_total{service="reference-platform",operation="fetch-prescription",outcome="server_error",code="503"}',
      ),
    ).toBe(3);
  });

  it('at 0.3 fails about 30% of the calls', async () => {
    const token = await login(platform.app);
    await setFaults({ errorRatio: 0.3 });
    let failed = 0;
    for (let i = 0; i < 400; i++) {
      const res = await platform.app.inject({ method: 'GET', url: '/prescriptions/rx-1', headers: bearer(token) });
      if (res.statusCode === 503) failed += 1;
    }
    expect(failed).toBeGreaterThan(80);
    expect(failed).toBeLessThan(160);
  });
});

describe('latencyMs', () => {
  it('adds its delay to every call, and the latency histogram shows it', async () => {
    const token = await login(platform.app);
    await setFaults({ latencyMs: 120 });
    const started = performance.now();
    const res = await platform.app.inject({ method: 'GET', url: '/medication-history/p-1', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    const text = await scrape(platform.app);
    expect(
      sample(
        text,
        'care_call_duration_seconds_bucket{service="reference-platform",operation="fetch-medication-history",outcome="success",le="0.1"}',
      ),
    ).toBe(0);
    expect(
      sample(
        text,
        'care_call_duration_seconds_count{service="reference-platform",operation="fetch-medication-history",outcome="success"}',
      ),
    ).toBe(1);
  });
});

describe('stall', () => {
  it('holds calls until the faults are cleared', async () => {
    const token = await login(platform.app);
    await setFaults({ stall: true, operations: ['fetch-prescription'] });
    let answered = false;
    const pending = platform.app
      .inject({ method: 'GET', url: '/prescriptions/rx-1', headers: bearer(token) })
      .then((res) => {
        answered = true;
        return res;
      });
    await new Promise((r) => setTimeout(r, 150));
    expect(answered).toBe(false);
    await setFaults({});
    expect((await pending).statusCode).toBe(200);
  });

  it('makes a client with a deadline give up; the call is counted as aborted', async () => {
    await platform.app.listen({ port: 0, host: '127.0.0.1' });
    const token = await login(platform.app);
    await setFaults({ stall: true });
    const call = fetch(`${platform.url}/medication-history/p-1`, {
      headers: bearer(token),
      signal: AbortSignal.timeout(200),
    });
    await expect(call).rejects.toThrow(/timeout|abort/i);
    const line =
      'care_calls_total{service="reference-platform",operation="fetch-medication-history",outcome="client_error",code="aborted"}';
    await until('the aborted call in the metrics', async () => sample(await scrape(platform.app), line));
    expect(sample(await scrape(platform.app), line)).toBe(1);
  });

  it('with callTimeoutMs, the platform hangs up on a stalled call itself: counted as a timeout, not aborted', async () => {
    const strict = await startPlatform({ callTimeoutMs: 300, port: 0 });
    try {
      const token = await login(strict.app);
      await strict.app.inject({
        method: 'PUT',
        url: '/admin/faults',
        headers: ADMIN,
        payload: { stall: true, operations: ['fetch-medication-history'] },
      });
      const started = performance.now();
      const call = fetch(`${strict.url}/medication-history/p-1`, {
        headers: bearer(token),
        signal: AbortSignal.timeout(5_000),
      });
      await expect(call).rejects.toThrow();
      expect(performance.now() - started).toBeGreaterThanOrEqual(250);
      expect(performance.now() - started).toBeLessThan(4_000);
      const series = (outcome: string, code: string) =>
        `care_calls_total{service="reference-platform",operation="fetch-medication-history",outcome="${outcome}",code="${code}"}`;
      const timedOut = await until('the timed-out call in the metrics', async () =>
        sample(await scrape(strict.app), series('timeout', 'connection_timeout')),
      );
      expect(timedOut).toBe(1);
      expect(sample(await scrape(strict.app), series('client_error', 'aborted'))).toBeUndefined();
      // Calls that answer in time are untouched by the deadline.
      const prescription = await fetch(`${strict.url}/prescriptions/rx-1`, { headers: bearer(token) });
      expect(prescription.status).toBe(200);
    } finally {
      await strict.close();
      removeDir(strict.dataDir);
    }
  });

  it('lets the platform close while calls are stalled', async () => {
    const token = await login(platform.app);
    await setFaults({ stall: true });
    const pending = platform.app.inject({ method: 'GET', url: '/prescriptions/rx-1', headers: bearer(token) });
    await new Promise((r) => setTimeout(r, 50));
    await platform.close();
    expect((await pending).statusCode).toBe(503);
  });
});

describe('downstreamDown', () => {
  it('keeps messages queued while down, shows the backlog in the metrics, and drains once up', async () => {
    const token = await login(platform.app);
    await setFaults({ downstreamDown: true });
    for (let i = 0; i < 20; i++) {
      const res = await platform.app.inject({
        method: 'POST',
        url: '/messages',
        headers: bearer(token),
        payload: { to: 'provider-0007', body: `message ${i}` },
      });
      expect(res.statusCode).toBe(202);
    }
    await new Promise((r) => setTimeout(r, 100));
    const down = await scrape(platform.app);
    expect(sample(down, 'care_queue_backlog_messages{service="reference-platform"}')).toBe(20);
    expect(sample(down, 'care_queue_accepted_total{service="reference-platform"}')).toBe(20);
    expect(sample(down, 'care_queue_delivered_total{service="reference-platform"}')).toBe(0);
    expect(sample(down, 'care_queue_downstream_up{service="reference-platform"}')).toBe(0);
    expect(sample(down, 'care_queue_drain_eta_seconds{service="reference-platform"}')).toBe(Number.POSITIVE_INFINITY);

    await setFaults({});
    await until('the backlog to drain', () => (platform.queue.stats().backlog === 0 ? true : undefined));
    const up = await scrape(platform.app);
    expect(sample(up, 'care_queue_delivered_total{service="reference-platform"}')).toBe(20);
    expect(sample(up, 'care_queue_drain_eta_seconds{service="reference-platform"}')).toBe(0);
    expect(sample(up, 'care_queue_duplicates_total{service="reference-platform"}')).toBe(0);
  });
});

describe('stalledStage', () => {
  const DELIVER = 'service="reference-platform",pipeline="send-message",stage="deliver"';

  it('holds the deliver stage: calls answer at once, messages wait in its queue, then go out late on release', async () => {
    const token = await login(platform.app);
    const set = await setFaults({ stalledStage: 'deliver' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ stalledStage: 'deliver' });
    for (let i = 0; i < 20; i++) {
      const res = await platform.app.inject({
        method: 'POST',
        url: '/messages',
        headers: bearer(token),
        payload: { to: 'provider-0007', body: `message ${i}` },
      });
      expect(res.statusCode).toBe(202);
    }
    const postedBy = Date.now();
    // The stage's series name it: its queue holds every message, its oldest one ages, none passed on.
    const held = await until('the deliver queue to show its oldest message ageing', async () => {
      const text = await scrape(platform.app);
      const oldest = sample(text, `care_pipeline_oldest_message_age_seconds{${DELIVER}}`) ?? 0;
      return oldest > 0.5 && Date.now() - postedBy > 1000 ? text : undefined;
    });
    expect(sample(held, `care_pipeline_queue_depth{${DELIVER}}`)).toBe(20);
    expect(sample(held, `care_pipeline_stage_calls_total{${DELIVER},outcome="success"}`)).toBe(0);
    expect(platform.queue.stats()).toMatchObject({ backlog: 20, delivered: 0 });
    // The admin switch still answers while the stage is held.
    expect((await platform.app.inject({ method: 'GET', url: '/admin/faults', headers: ADMIN })).statusCode).toBe(200);

    await setFaults({});
    await until('the held messages to go out', () => (platform.queue.stats().backlog === 0 ? true : undefined));
    const after = await scrape(platform.app);
    expect(sample(after, `care_pipeline_stage_calls_total{${DELIVER},outcome="success"}`)).toBe(20);
    expect(sample(after, `care_pipeline_message_age_seconds_count{${DELIVER}}`)).toBe(20);
    // Every one was held for more than a second after the last was posted: none in the 1 s buckets.
    expect(sample(after, `care_pipeline_message_age_seconds_bucket{${DELIVER},le="1"}`)).toBe(0);
    expect(platform.queue.stats()).toMatchObject({ delivered: 20, duplicates: 0 });
  });

  it('refuses a stage that cannot stall, naming the ones that can', async () => {
    const res = await setFaults({ stalledStage: 'store' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toContain('stalledStage must be one of deliver, got "store"');
  });

  it('lets the platform close while the stage is held', async () => {
    await setFaults({ stalledStage: 'deliver' });
    await platform.close();
  });
});
