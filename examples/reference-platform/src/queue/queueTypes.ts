import type { Downstream } from './Downstream.js';
import type { QueueStages } from './QueueStages.js';

/** A message as POST /messages accepts it. */
export interface NewMessage {
  to: string;
  body: string;
  tenant: string;
}

export interface QueueStats {
  /** Messages ever acknowledged (in this data dir): delivered + backlog. */
  accepted: number;
  /** Messages delivered (in this data dir). */
  delivered: number;
  /** Deliveries of an id that was already delivered, since start; must stay 0. */
  duplicates: number;
  /** Messages acknowledged and not yet delivered. */
  backlog: number;
  drainRatePerSecond: number;
  /** Infinity while nothing drains and the backlog is not empty. */
  etaSeconds: number;
}

export interface MessageQueueOptions {
  /** Folder of the queue database (`messages.sqlite`); created if missing. */
  dataDir: string;
  downstream: Downstream;
  /** Concurrent deliveries. Default 4. */
  workers?: number;
  /**
   * Most messages a worker delivers before it commits them in one transaction (one fsync); it
   * commits sooner when 50 ms have passed. Default 256.
   */
  batchSize?: number;
  /**
   * Pipeline stages to record on (`metrics.pipeline('send-message')`): `store` is the commit of an
   * acknowledged message, `deliver` its delivery downstream, with the message's end-to-end age.
   */
  stages?: QueueStages;
}

export interface Row {
  seq: number;
  id: string;
  /** When the message was acknowledged (ms since epoch): its own timestamp for the end-to-end age. */
  accepted_at: number;
}

export interface Pending {
  id: string;
  message: NewMessage;
  resolve: (id: string) => void;
  reject: (err: unknown) => void;
}
