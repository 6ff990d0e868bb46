import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Config, Logwatch, readConfig, SELF_METRICS } from '../../src/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logwatch-run-'));
  mkdirSync(join(dir, 'logs'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function config(): Config {
  return readConfig(
    `apiVersion: hartslag.logwatch/v1
service: hub
checkpoint: { dir: ${join(dir, 'state')}, interval: 1ms }
sources:
  - name: access
    path: ${join(dir, 'logs', 'access.log*')}
    format: logfmt
    fields: { operation: op, code: status, tenant: pharmacy, latency: { field: ms, unit: ms } }
    codes: { 2xx: success, 5xx: server_error, NO_CONTRACT: denied }
`,
    'lw.yaml',
  );
}

/** The value of one exported sample, 0 when absent (an absent series is zero calls). */
async function sample(lw: Logwatch, name: string, labels: Record<string, string>): Promise<number> {
  const text = await lw.metrics.registry!.metrics();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.split(' ').pop());
  }
  return 0;
}

/**
 * Makes a directory read-only for this process: root ignores modes, so as root (CI) it becomes a
 * read-only bind mount of itself, as a read-only volume would be.
 */
function makeReadOnly(path: string): () => void {
  if (process.getuid?.() !== 0) {
    chmodSync(path, 0o555);
    return () => chmodSync(path, 0o755);
  }
  execFileSync('mount', ['--bind', '-o', 'ro', path, path]);
  return () => execFileSync('umount', [path]);
}

const log = () => join(dir, 'logs', 'access.log');
const noWarnings = { onWarning: () => {} };

describe('Logwatch', () => {
  it('says it is behind while a file holds unread lines, and reads them all in later ticks', async () => {
    const line = 'op=login status=200 pharmacy=apotheek-1 ms=12\n';
    const total = Math.ceil((1.5 * 1024 * 1024) / line.length);
    writeFileSync(log(), line.repeat(total));
    const lw = new Logwatch(config(), noWarnings);
    const behind: boolean[] = [];
    for (let i = 0; i < 3; i++) behind.push(lw.tick());
    expect(behind).toEqual([true, false, false]);
    expect(await sample(lw, 'care_calls_total', { operation: 'login', outcome: 'success' })).toBe(total);
    lw.close();
  });

  it('records lines through the metrics API and resumes its counters from the checkpoint', async () => {
    writeFileSync(
      log(),
      'op=login status=200 pharmacy=apotheek-1 ms=12\nop=login status=503 pharmacy=apotheek-1 ms=40\n',
    );
    const first = new Logwatch(config(), noWarnings);
    first.tick();
    expect(await sample(first, 'care_calls_total', { operation: 'login', outcome: 'success' })).toBe(1);
    first.save();
    // A crash: no close. Lines written since are read by the next run, and only those.
    appendFileSync(log(), 'op=login status=NO_CONTRACT pharmacy=apotheek-2 ms=3\n');
    const second = new Logwatch(config(), noWarnings);
    second.tick();
    expect(await sample(second, 'care_calls_total', { operation: 'login', outcome: 'success' })).toBe(1);
    expect(await sample(second, 'care_calls_total', { operation: 'login', outcome: 'server_error' })).toBe(1);
    expect(
      await sample(second, 'care_calls_total', { operation: 'login', outcome: 'denied', code: 'NO_CONTRACT' }),
    ).toBe(1);
    expect(await sample(second, 'care_tenant_calls_total', { tenant: 'apotheek-1', outcome: 'server_error' })).toBe(1);
    expect(
      await sample(second, 'care_call_duration_seconds_sum', { operation: 'login', outcome: 'success' }),
    ).toBeCloseTo(0.012);
    expect(await sample(second, SELF_METRICS.linesRead, { source: 'access' })).toBe(3);
  });

  it('reports a read-only checkpoint directory and keeps the last good checkpoint intact', () => {
    writeFileSync(log(), 'op=login status=200 ms=1\n');
    const warnings: string[] = [];
    const lw = new Logwatch(config(), { onWarning: (m) => warnings.push(m) });
    lw.tick();
    expect(lw.save()).toBe(true);
    const good = readFileSync(join(dir, 'state', 'checkpoint.json'), 'utf8');
    const undo = makeReadOnly(join(dir, 'state'));
    try {
      appendFileSync(log(), 'op=login status=200 ms=1\n');
      lw.tick();
      expect(lw.save()).toBe(false);
    } finally {
      undo();
    }
    expect(warnings.join('\n')).toMatch(
      /cannot write the checkpoint in .*state \((EACCES|EROFS)\); the last good checkpoint is intact/,
    );
    expect(readFileSync(join(dir, 'state', 'checkpoint.json'), 'utf8')).toBe(good);
    // Restarting from the good checkpoint: one line recorded, the second read again from its offset.
    const next = new Logwatch(config(), noWarnings);
    expect(next.recorded).toBe(1);
    next.tick();
    expect(next.recorded).toBe(2);
  });

  it('waits for a glob that matches nothing, and says so once', () => {
    const warnings: string[] = [];
    const lw = new Logwatch(config(), { onWarning: (m) => warnings.push(m) });
    lw.tick();
    lw.tick();
    expect(warnings).toEqual([
      `source "access": ${join(dir, 'logs', 'access.log*')} matches no file yet; waiting for one`,
    ]);
    writeFileSync(log(), 'op=login status=200 ms=1\n');
    lw.tick();
    expect(lw.recorded).toBe(1);
  });

  it('takes a reloaded config without reading a line twice', () => {
    writeFileSync(log(), 'op=login status=200 ms=1\n');
    const lw = new Logwatch(config(), noWarnings);
    lw.tick();
    lw.reload(config());
    appendFileSync(log(), 'op=login status=200 ms=1\n');
    lw.tick();
    expect(lw.recorded).toBe(2);
  });
});
