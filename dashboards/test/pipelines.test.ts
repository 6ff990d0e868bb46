import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CareMetrics, careMetricsHandler, createCareMetrics, type PipelineStage } from '@hartslag/metrics';
import { type RunningPrometheus, startPrometheus } from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboards, DASHBOARDS, STALLED_STAGES } from '../src/index.js';
import { resolveVariables, runExpression } from './fixtures/dashboardQueries.js';
import { expressions, substitute } from './fixtures/expressions.js';

const STAGES = ['receive', 'encrypt', 'store', 'notify', 'deliver'] as const;
const STALLED = 'deliver';
const dashboard = buildDashboards().find((d) => d.uid === DASHBOARDS.pipelines.uid)!.dashboard;

/**
 * A messaging service whose send-message pipeline runs every 100 ms: each stage takes what waits
 * for it and hands it to the next, except `deliver`, which has stalled, so its queue grows and
 * its oldest message ages.
 */
class MessagingService {
  private readonly queues = new Map<string, number[]>(STAGES.map((s) => [s, []]));
  private readonly stages: PipelineStage[];
  private timer: NodeJS.Timeout | undefined;
  handled = 0;

  constructor(readonly metrics: CareMetrics) {
    const p = metrics.pipeline('send-message');
    this.stages = STAGES.map((s) => p.stage(s));
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), 100);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const now = Date.now();
    for (let k = 0; k < 5; k++) this.queues.get('receive')!.push(now);
    for (let i = 0; i < STAGES.length; i++) {
      const name = STAGES[i]!;
      const stage = this.stages[i]!;
      const queue = this.queues.get(name)!;
      if (name !== STALLED) {
        for (const sentAt of queue.splice(0)) {
          // Every twentieth encryption fails and is retried: it stays in the queue.
          const failed = name === 'encrypt' && this.handled++ % 20 === 0;
          stage.record(failed ? 'server_error' : 'success', 0.002 + i * 0.01, sentAt);
          if (failed) queue.push(sentAt);
          else this.queues.get(STAGES[i + 1] ?? '')?.push(sentAt);
        }
      }
      stage.queue(queue.length, queue[0]);
    }
  }
}

let prom: RunningPrometheus;
let server: Server;
let service: MessagingService;

beforeAll(async () => {
  service = new MessagingService(createCareMetrics({ service: 'messaging' }));
  service.start();
  server = createServer(careMetricsHandler(service.metrics));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  prom = await startPrometheus([{ job: 'messaging', target: `127.0.0.1:${port}` }]);
  // Two scrapes with messages between them: rate() then has a value for every stage that moves.
  await prom.waitForSeries('sum(rate(care_pipeline_stage_calls_total{stage="receive"}[1m])) > 0', 60_000);
  await prom.waitForSeries(substitute(STALLED_STAGES, { pipeline: '.*', stage: '.*' }), 60_000);
}, 120_000);

afterAll(async () => {
  service?.stop();
  await prom?.stop();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('the pipelines dashboard against Prometheus scraping a service that records pipeline stages', () => {
  it('holds expressions for every pipeline family', () => {
    const all = expressions(dashboard)
      .map((e) => e.expr)
      .join('\n');
    for (const family of [
      'care_pipeline_stage_calls_total',
      'care_pipeline_stage_duration_seconds_bucket',
      'care_pipeline_queue_depth',
      'care_pipeline_oldest_message_age_seconds',
      'care_pipeline_message_age_seconds_bucket',
    ]) {
      expect(all).toContain(family);
    }
  });

  it.each([['all' as const], ['first' as const]])(
    'with every variable set to %s, each expression parses and returns series',
    async (mode) => {
      const values = await resolveVariables(prom.query, dashboard, mode);
      const problems = (
        await Promise.all(expressions(dashboard).map((e) => runExpression(prom.query, e, values)))
      ).filter((p): p is string => p !== undefined);
      expect(problems).toEqual([]);
    },
  );

  it('names the stalled stage, and only it, with its queue', async () => {
    const stalled = await prom.query(substitute(STALLED_STAGES, { pipeline: '.*', stage: '.*' }));
    expect(stalled.map((s) => s.metric.stage)).toEqual([STALLED]);
    expect(stalled[0]!.metric.pipeline).toBe('send-message');
    expect(stalled[0]!.value).toBeGreaterThan(0);
    const oldest = await prom.query(`care_pipeline_oldest_message_age_seconds{stage="${STALLED}"}`);
    expect(oldest[0]!.value).toBeGreaterThan(0);
  });
});
