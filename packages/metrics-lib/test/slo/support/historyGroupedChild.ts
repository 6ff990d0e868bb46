/**
 * A service process for the grouped kill -9 test: an evaluator judging GROUPED_SLO with its
 * history in the store named by argv[2] (`sqlite:<file>` or a postgres:// URL), ticking on the
 * clock the parent sends. Each stdin line is a batch of ticks `[[ms, mix], …]`; once the batch is
 * stored it prints the statuses of every group as a JSON line.
 */
import { createInterface } from 'node:readline';
import { openPostgresSloHistory } from '../../../src/history-postgres.js';
import { openSqliteSloHistory } from '../../../src/history-sqlite.js';
import { createCareMetrics, createSloEvaluator } from '../../../src/index.js';
import { GROUPED_SLO, recordMix, type VendorMix } from './groupedSlo.js';

const SERVICE = 'medication-history';
const where = process.argv[2]!;
const postgres = where.startsWith('postgres') ? await openPostgresSloHistory(where, { service: SERVICE }) : undefined;
const history = postgres ?? openSqliteSloHistory(where.replace(/^sqlite:/, ''), { synchronous: 'normal' });
let now = Number(process.argv[3]);
const metrics = createCareMetrics({ service: SERVICE });
const slo = createSloEvaluator(metrics, [GROUPED_SLO], { now: () => now, autoStart: false, history });
slo.tick();
const stored = async () => {
  await postgres?.flush();
  if (postgres?.lastError) throw postgres.lastError;
};
await stored();
process.stdout.write(`${JSON.stringify(slo.status())}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  for (const [ms, mix] of JSON.parse(line) as [number, VendorMix][]) {
    recordMix(metrics, mix);
    now = ms;
    slo.tick();
  }
  // Written once the batch is committed: what the parent reads is in the store.
  await stored();
  process.stdout.write(`${JSON.stringify(slo.status())}\n`);
}
