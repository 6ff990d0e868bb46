/**
 * How fast a backlog drains: queues `--messages` in one transaction, then times the workers
 * delivering them to a downstream that answers in `--delivery-ms`.
 *
 *   node --import tsx bin/measure-drain.ts --messages 200000 --workers 8 --delivery-ms 0
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Downstream } from '../src/queue/Downstream.js';
import { MessageQueue } from '../src/queue/MessageQueue.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '200000' },
    workers: { type: 'string', default: '8' },
    'delivery-ms': { type: 'string', default: '0' },
    'batch-size': { type: 'string', default: '256' },
  },
});
const messages = Number(values.messages);
const dir = mkdtempSync(join(tmpdir(), 'hartslag-drain-'));
const downstream = new Downstream(Number(values['delivery-ms']));
downstream.down = true;
const queue = MessageQueue.open({
  dataDir: dir,
  downstream,
  workers: Number(values.workers),
  batchSize: Number(values['batch-size']),
});
let t = performance.now();
queue.enqueueMany(messages, (i) => ({
  to: `provider-${String(1 + (i % 3000)).padStart(4, '0')}`,
  body: `message ${i}`,
  tenant: 'pharmacy-001',
}));
const enqueueMs = performance.now() - t;
t = performance.now();
downstream.down = false;
let peakRate = 0;
while (queue.stats().backlog > 0) {
  await new Promise((r) => setTimeout(r, 250));
  peakRate = Math.max(peakRate, queue.stats().drainRatePerSecond);
}
const drainMs = performance.now() - t;
const s = queue.stats();
await queue.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    node: process.version,
    messages,
    workers: Number(values.workers),
    deliveryMs: Number(values['delivery-ms']),
    batchSize: Number(values['batch-size']),
    enqueueSeconds: +(enqueueMs / 1000).toFixed(2),
    drainSeconds: +(drainMs / 1000).toFixed(2),
    messagesPerSecond: Math.round(messages / (drainMs / 1000)),
    peakEwmaRate: Math.round(peakRate),
    delivered: s.delivered,
    duplicates: s.duplicates,
  }),
);
