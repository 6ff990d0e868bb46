/**
 * Child process of the scrape-delay benchmark: scrapes `url` over HTTP one scrape at a time, as
 * Prometheus does, reading and discarding each body. First a few warm-up scrapes; then, for each
 * `go` of the parent, it scrapes for `ms` milliseconds, starting one every `intervalMs` (0: back to
 * back), and reports.
 */

import { get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ClientReport, type Go, WARM_UP_SCRAPES } from './protocol.js';

const url = process.argv[2]!;

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

async function run({ ms, intervalMs }: Go): Promise<ClientReport> {
  const started = performance.now();
  const report: ClientReport = { scrapes: 0, bytes: 0, ms: 0 };
  while (performance.now() - started < ms) {
    const due = started + report.scrapes * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    report.bytes += await scrape();
    report.scrapes++;
  }
  report.ms = performance.now() - started;
  return report;
}

// JIT and label caches warm before anything is measured.
for (let i = 0; i < WARM_UP_SCRAPES; i++) await scrape();
process.on('message', (msg: Go | { cmd: 'exit' }) => {
  if (msg.cmd === 'exit') {
    process.disconnect();
    return;
  }
  run(msg).then(
    (report) => process.send!(report),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
process.send!({ warm: true });
