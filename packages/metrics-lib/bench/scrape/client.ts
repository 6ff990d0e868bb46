/**
 * Child process of the scrape-delay benchmark: scrapes `url` back to back over HTTP for `ms`
 * milliseconds, as Prometheus would (one scrape at a time), reading and discarding each body.
 * First a few warm-up scrapes, then it waits for the parent's go.
 */

import { once } from 'node:events';
import { get } from 'node:http';
import { type ClientReport, WARM_UP_SCRAPES } from './protocol.js';

const [url, ms] = [process.argv[2]!, Number(process.argv[3])];

function scrape(): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`HTTP ${res.statusCode}`))));
      res.on('error', reject);
    }).on('error', reject);
  });
}

// Warm-up scrapes first (JIT, label caches), then the parent starts measuring and says go.
for (let i = 0; i < WARM_UP_SCRAPES; i++) await scrape();
process.send!({ warm: true });
await once(process, 'message');

const started = performance.now();
const report: ClientReport = { scrapes: 0, bytes: 0, ms: 0 };
while (performance.now() - started < ms) {
  report.bytes += await scrape();
  report.scrapes++;
}
report.ms = performance.now() - started;
process.send!(report, () => process.disconnect());
