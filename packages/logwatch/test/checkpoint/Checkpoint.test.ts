import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCareMetrics } from '@hartslag/metrics';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Checkpoint, type CheckpointState, Ledger } from '../../src/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logwatch-checkpoint-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A checkpoint as logwatch writes one, from a ledger that recorded a few calls. */
function written(): CheckpointState {
  const ledger = new Ledger(createCareMetrics({ service: 'hub', onWarning: () => {} }));
  ledger.record({
    operation: 'login',
    outcome: 'success',
    code: '200',
    tenant: 'apotheek-1',
    vendor: 'medisys',
    seconds: 0.012,
  });
  ledger.record({ operation: 'login', outcome: 'server_error', code: '503', tenant: 'apotheek-2', vendor: 'medisys' });
  const state: CheckpointState = { version: 1, writtenAt: 1, sources: {}, ledger: ledger.state() };
  new Checkpoint(dir).write(state);
  return JSON.parse(JSON.stringify(state)) as CheckpointState;
}

/** The written checkpoint as the JSON it is, to break on purpose. */
interface Json {
  ledger: { calls: unknown[][]; tenants: unknown[][]; latencies: [unknown, unknown, unknown[][]][]; vendors: unknown };
}

/** What reading the checkpoint says after `change` edits the written one. */
function readAfter(change: (s: Json) => void): string {
  const state = written() as unknown as Json;
  change(state);
  writeFileSync(join(dir, 'checkpoint.json'), JSON.stringify(state));
  try {
    new Checkpoint(dir).read();
    return 'read';
  } catch (err) {
    return `${(err as { code?: string }).code}: ${(err as Error).message}`;
  }
}

describe('reading a checkpoint', () => {
  it('gives back what was written', () => {
    const state = written();
    expect(new Checkpoint(dir).read()).toEqual(state);
  });

  it.each([
    [
      'a count written as text',
      (s: Json) => (s.ledger.calls[0]![5] = '5'),
      'ledger.calls[0][5]: a count must be a whole number >= 0, got "5"',
    ],
    [
      'a negative count',
      (s: Json) => (s.ledger.calls[1]![5] = -2),
      'ledger.calls[1][5]: a count must be a whole number >= 0, got -2',
    ],
    [
      'a fractional tenant count',
      (s: Json) => (s.ledger.tenants[0]![3] = 1.5),
      'ledger.tenants[0][3]: a count must be a whole number >= 0, got 1.5',
    ],
    ['an unknown outcome', (s: Json) => (s.ledger.calls[0]![1] = 'fine'), 'ledger.calls[0][1]: not an outcome: "fine"'],
    [
      'a duration that is not a number',
      (s: Json) => (s.ledger.latencies[0]![2][0]![0] = null),
      'ledger.latencies[0][2][0][0]: seconds must be a finite number >= 0 or -1, got null',
    ],
    ['a row cut short', (s: Json) => s.ledger.calls[1]!.pop(), 'ledger.calls[1]: must be a list of 6'],
    [
      'a vendor mark that is not true',
      (s: Json) => (s.ledger.vendors = 'yes'),
      'ledger.vendors: must be true or absent',
    ],
  ])('refuses %s, naming its place and how to go on', (_what, change, problem) => {
    expect(readAfter(change)).toBe(
      `HARTSLAG_ERR_LOGWATCH_CHECKPOINT_CORRUPT: ${join(dir, 'checkpoint.json')} is not a logwatch checkpoint (${problem}); move it away to start counting from the start of the files`,
    );
  });

  it('does not echo a misplaced value that could be patient data', () => {
    const said = readAfter((s) => (s.ledger.calls[0]![1] = '111222333'));
    expect(said).toContain('ledger.calls[0][1]: not an outcome: string');
    expect(said).not.toContain('111222333');
  });
});
