import { waitFor } from '@hartslag/testkit';
import { expect } from 'vitest';
import type { DemoProcess } from './DemoProcess.js';
import { promQuery } from './prometheus.js';

/**
 * The stalled stage is named in the demo's output and by the stage series in Prometheus, its
 * scraped queue depth within the platform's own backlog.
 */
export async function expectStalledStageNamed(
  demo: DemoProcess,
  urls: Record<string, string>,
  withPrometheus: boolean,
): Promise<void> {
  const [, stage] = await demo.waitFor(
    /^▲ \d\d:\d\d:\d\d stage send-message\/(\w+) stalled: \d+ messages waiting/m,
    120_000,
  );
  expect(stage).toBe('deliver');
  const platform = new URL(urls['platform metrics']!).origin;
  const queue = async () =>
    (await (await fetch(`${platform}/admin/queue`, { headers: { 'x-admin-token': 'reference-admin' } })).json()) as {
      backlog: number;
      delivered: number;
    };
  // The platform's own count: the held messages wait in its queue.
  expect((await queue()).backlog).toBeGreaterThan(0);
  if (!withPrometheus) return;
  const prometheus = urls.Prometheus!;
  const stalled = await waitFor(
    'a stage with an old waiting message in Prometheus',
    async () => {
      const r = await promQuery(prometheus, 'care_pipeline_oldest_message_age_seconds > 30');
      return r.length > 0 ? r : undefined;
    },
    60_000,
  );
  expect(stalled.map((s) => [s.metric.pipeline, s.metric.stage])).toEqual([['send-message', 'deliver']]);
  // The scraped queue depth is the platform's backlog as of the scrape: the backlog only grows
  // while the stage holds it, so it is at most what the platform counts now.
  const [depth] = await promQuery(prometheus, 'care_pipeline_queue_depth{stage="deliver"}');
  const scraped = Number(depth!.value[1]);
  expect(scraped).toBeGreaterThan(0);
  expect(scraped).toBeLessThanOrEqual((await queue()).backlog);
}

/** After recovery the held messages go out late: the stage moves again, the freshness SLO counts them stale. */
export async function expectLateMessagesStale(
  demo: DemoProcess,
  urls: Record<string, string>,
  withPrometheus: boolean,
): Promise<void> {
  await demo.waitFor(/^▼ \d\d:\d\d:\d\d stage send-message\/deliver moving again/m, 30_000);
  if (withPrometheus) {
    const stale = await waitFor(
      'stale messages in the freshness SLO',
      async () => {
        const r = await promQuery(urls.Prometheus!, 'slo:sli_error:ratio_rate5m{slo="messages-delivered-fresh"} > 0');
        return r.length > 0 ? r : undefined;
      },
      90_000,
    );
    expect(Number(stale[0]!.value[1])).toBeLessThanOrEqual(1);
  }
}
