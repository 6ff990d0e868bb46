import type { PipelineStage } from '@hartslag/metrics';

/** The pipeline stages the queue records on (`metrics.pipeline('send-message')`). */
export interface QueueStages {
  /** The commit of an acknowledged message. */
  store: PipelineStage;
  /** Its delivery downstream, with the message's end-to-end age. */
  deliver: PipelineStage;
}

/**
 * What the queue tells its stages: each commit and delivery as it happens, and every second
 * the queues behind them. Without stages (a queue built for a drain measurement) it does nothing.
 */
export class QueueStageRecorder {
  constructor(private readonly stages: QueueStages | undefined) {}

  /** `count` messages committed in one transaction that took `seconds`: each waited for all of it. */
  stored(count: number, seconds: number): void {
    const store = this.stages?.store;
    if (store !== undefined) for (let i = 0; i < count; i++) store.record('success', seconds);
  }

  /** The commit failed: none of the `count` messages was acknowledged. */
  storeFailed(count: number, seconds: number): void {
    const store = this.stages?.store;
    if (store !== undefined) for (let i = 0; i < count; i++) store.record('server_error', seconds);
  }

  /** The downstream refused a delivery; the message goes back in line. */
  refused(): void {
    this.stages?.deliver.record('server_error');
  }

  /** Messages delivered, each with its acknowledgement time as its own timestamp. */
  delivered(acceptedAt: readonly number[]): void {
    const deliver = this.stages?.deliver;
    if (deliver !== undefined) for (const at of acceptedAt) deliver.record('success', undefined, at);
  }

  /**
   * The stages' queues: messages waiting to be committed, and the backlog with its oldest
   * message (read only when there is a backlog). Pushed on a timer, not read at scrape time, as a
   * service with its own queue library would; the oldest message's age is computed at each scrape.
   */
  queues(pending: number, backlog: number, oldestAcceptedAt: () => number | undefined): void {
    if (this.stages === undefined) return;
    this.stages.store.queue(pending);
    this.stages.deliver.queue(backlog, backlog > 0 ? oldestAcceptedAt() : undefined);
  }
}
