/**
 * A service process for the kill -9 test: an evaluator with its history in the SQLite file named
 * by argv[2], ticking on the clock the parent sends. Each stdin line is a batch of ticks
 * `[[ms, ok, failed], …]`; after the batch it prints the status of its one SLO as a JSON line.
 */
import { createInterface } from 'node:readline';
import { openSqliteSloHistory } from '../../../src/history-sqlite.js';
import { createCareMetrics, createSloEvaluator } from '../../../src/index.js';
import { HISTORY_SLO, OPERATION, SERVICE } from './historySlo.js';

let now = Number(process.argv[3]);
const metrics = createCareMetrics({ service: SERVICE });
const slo = createSloEvaluator(metrics, [HISTORY_SLO], {
  now: () => now,
  autoStart: false,
  history: openSqliteSloHistory(process.argv[2]!, { synchronous: 'normal' }),
});
slo.tick();
process.stdout.write(`${JSON.stringify(slo.status()[0])}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  for (const [ms, ok, failed] of JSON.parse(line) as [number, number, number][]) {
    for (let i = 0; i < ok; i++) metrics.recordCall({ operation: OPERATION, outcome: 'success', code: 200 });
    for (let i = 0; i < failed; i++) metrics.recordCall({ operation: OPERATION, outcome: 'server_error', code: 503 });
    now = ms;
    slo.tick();
  }
  // Written after the batch's last save() returned: what the parent reads is on disk.
  process.stdout.write(`${JSON.stringify(slo.status()[0])}\n`);
}
