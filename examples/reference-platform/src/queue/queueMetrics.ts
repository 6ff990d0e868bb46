import { Counter, Gauge, type Registry, type RegistryContentType } from 'prom-client';
import type { Downstream } from './Downstream.js';
import type { MessageQueue } from './MessageQueue.js';

/** Names of the queue series; dashboards and the restart-storm scenario read these. */
export const QUEUE_METRICS = {
  backlog: 'care_queue_backlog_messages',
  accepted: 'care_queue_accepted_total',
  delivered: 'care_queue_delivered_total',
  duplicates: 'care_queue_duplicates_total',
  drainRate: 'care_queue_drain_rate_messages_per_second',
  drainEta: 'care_queue_drain_eta_seconds',
  downstreamUp: 'care_queue_downstream_up',
} as const;

/**
 * Registers the queue series, read from the queue at scrape time. Accepted and delivered count
 * everything in the data dir, so they carry on across restarts instead of dropping to zero.
 */
export function registerQueueMetrics(
  registry: Registry<RegistryContentType>,
  queue: MessageQueue,
  downstream: Downstream,
  service: string,
): void {
  const labelNames = ['service'] as const;
  const labels = { service };
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.set(labels, read());
      },
    });
  const counter = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(labels, read());
      },
    });
  gauge(QUEUE_METRICS.backlog, 'Messages acknowledged and not yet delivered.', () => queue.stats().backlog);
  counter(QUEUE_METRICS.accepted, 'Messages acknowledged (committed to the queue).', () => queue.stats().accepted);
  counter(QUEUE_METRICS.delivered, 'Messages delivered downstream.', () => queue.stats().delivered);
  counter(
    QUEUE_METRICS.duplicates,
    'Deliveries of a message that was already delivered (must stay 0).',
    () => queue.stats().duplicates,
  );
  gauge(
    QUEUE_METRICS.drainRate,
    'Messages delivered per second, exponentially weighted over 10 s.',
    () => queue.stats().drainRatePerSecond,
  );
  gauge(
    QUEUE_METRICS.drainEta,
    'Seconds until the backlog is delivered at the current drain rate (+Inf while nothing drains).',
    () => queue.stats().etaSeconds,
  );
  gauge(QUEUE_METRICS.downstreamUp, '1 while the downstream accepts deliveries, 0 while it is down.', () =>
    downstream.down ? 0 : 1,
  );
}
