import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSqliteSloHistory } from '../../src/history-sqlite.js';
import { deliver, FRESH, freshService, startClock, times } from './support/freshSlo.js';

// Apart from freshness.test.ts: better-sqlite3 is built for the main suite's Node, and the other
// Node versions' run leaves out the history files (packages/install-test/node-versions.mjs).
beforeEach(startClock);
afterEach(() => {
  vi.useRealTimers();
});

describe('a freshness SLO in the in-process evaluator, restarted', () => {
  it('keeps its budget across a restart through the durable history', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hartslag-fresh-'));
    try {
      const file = join(dir, 'history.sqlite');
      let store = openSqliteSloHistory(file);
      const first = freshService([FRESH], store);
      deliver(first, [...times(995, 1), ...times(5, 300)]);
      first.slo.close();
      store.close();
      store = openSqliteSloHistory(file);
      const second = freshService([FRESH], store);
      deliver(second, times(1000, 1));
      // 5 stale of 2,000 over the day: a quarter of the 1% budget spent.
      expect(second.slo.status()[0]!.budgetRemaining).toBeCloseTo(0.75, 12);
      second.slo.close();
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
