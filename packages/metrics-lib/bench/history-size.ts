/**
 * Bytes the SQLite SLO history takes per SLO per year: one SLO with calls in every 30-second tick
 * (the worst case; quiet slots are not stored), a year of ticks saved as the evaluator saves them,
 * then the file's pages in use. Prints one line; the figure goes to README.md by hand.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOW_INTERVAL } from '../src/contract/alerting.js';
import { openSqliteSloHistory } from '../src/history-sqlite.js';

const DAYS = Number(process.env.HARTSLAG_HISTORY_DAYS ?? 365);
const dir = mkdtempSync(join(tmpdir(), 'hartslag-history-size-'));
try {
  const store = openSqliteSloHistory(join(dir, 'slo-history.sqlite'), { synchronous: 'normal' });
  const key = { service: 'medication-history', slo: 'medication-history', operation: 'fetch', group: '' };
  const timers = [null, null, null, null, null, null, null];
  const start = Date.UTC(2026, 0, 1) / 1000;
  for (let t = start; t < start + DAYS * 86_400; t += NOW_INTERVAL) {
    const state = { firstAt: start * 1000, lastTick: t * 1000, lastInactive: t * 1000, wasActive: false, timers };
    // Up to a few thousand calls a tick: counts of four digits, as on a busy service.
    const total = 1000 + ((t / NOW_INTERVAL) % 3000);
    store.save([{ key, fine: t / NOW_INTERVAL, minute: Math.floor(t / 60), total, bad: total % 7, state }]);
  }
  const bytes = store.bytes;
  const minutes = store.minutes(key, 0, Number.MAX_SAFE_INTEGER).length;
  store.close();
  const perYear = (bytes * 365) / DAYS;
  console.log(
    `${DAYS} days, ${minutes} minute buckets: ${(bytes / 1e6).toFixed(1)} MB; ` +
      `${(perYear / 1e6).toFixed(1)} MB per SLO per year (${(bytes / minutes).toFixed(1)} bytes per minute bucket)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
