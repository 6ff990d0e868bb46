/**
 * A service process for the kill -9 test: an evaluator with its history in the store named by
 * argv[2] (`sqlite:<file>` or a postgres:// URL), ticking on the clock the parent sends. Each
 * stdin line is a batch of ticks `[[ms, ok, failed], …]`; once the batch is stored it prints the
 * status of its one SLO as a JSON line.
 */
import { createInterface } from 'node:readline';
import { openPostgresSloHistory } from '../../../src/history-postgres.js';
import { openSqliteSloHistory } from '../../../src/history-sqlite.js';
import { createCareMetrics, createSloEvaluator } from '../../../src/index.js';
import { HISTORY_SLO, OPERATION, SERVICE } from './historySlo.js';

const where = process.argv[2]!;
const postgres = where.startsWith('postgres') ? await openPostgresSloHistory(where, { service: SERVICE }) : undefined;
const history = postgres ?? openSqliteSloHistory(where.replace(/^sqlite:/, ''), { synchronous: 'normal' });
let now = Number(process.argv[3]);
const metrics = createCareMetrics({ service: SERVICE });
const slo = createSloEvaluator(metrics, [HISTORY_SLO], { now: () => now, autoStart: false, history });
slo.tick();
const stored = async () => {
  await postgres?.flush();
  if (postgres?.lastError) throw postgres.lastError;
};
await stored();
process.stdout.write(`${JSON.stringify(slo.status()[0])}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  for (const [ms, ok, failed] of JSON.parse(line) as [number, number, number][]) {
    for (let i = 0; i < ok; i++) metrics.recordCall({ operation: OPERATION, outcome: 'success', code: 200 });
    for (let i = 0; i < failed; i++) metrics.recordCall({ operation: OPERATION, outcome: 'server_error', code: 503 });
    now = ms;
    slo.tick();
  }
  // Written once the batch is committed: what the parent reads is in the store.
  await stored();
  process.stdout.write(`${JSON.stringify(slo.status()[0])}\n`);
}
