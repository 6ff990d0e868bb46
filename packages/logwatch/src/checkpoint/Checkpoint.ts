import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckpointCorruptError, CheckpointWriteError } from '../errors.js';
import type { LedgerState } from '../record/Ledger.js';
import type { StreamState } from '../source/StreamState.js';
import { ledgerProblem } from './ledgerProblem.js';
import { writeAtomic } from './writeAtomic.js';

const VERSION = 1;
const FILE = 'checkpoint.json';

/** Offsets and counters at one instant: written together, so they always agree. */
export interface CheckpointState {
  version: 1;
  writtenAt: number;
  /** Per source name: the files known and how far each was read. */
  sources: Record<string, { streams: StreamState[]; self: Record<string, number> }>;
  ledger: LedgerState;
}

/** One checkpoint file per config, written atomically (writeAtomic): the old one or the new, never a mix. */
export class Checkpoint {
  readonly file: string;

  constructor(readonly dir: string) {
    this.file = join(dir, FILE);
  }

  read(): CheckpointState | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new CheckpointWriteError(this.dir, err);
    }
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      throw new CheckpointCorruptError(this.file, 'not JSON');
    }
    if (v === null || typeof v !== 'object' || (v as { version?: unknown }).version !== VERSION) {
      throw new CheckpointCorruptError(this.file, `not version ${VERSION}`);
    }
    const s = v as CheckpointState;
    if (typeof s.sources !== 'object' || s.ledger === undefined || !Array.isArray(s.ledger.calls)) {
      throw new CheckpointCorruptError(this.file, 'sources or ledger missing');
    }
    const problem = ledgerProblem(s.ledger);
    if (problem !== undefined) throw new CheckpointCorruptError(this.file, problem);
    return s;
  }

  write(state: CheckpointState): void {
    try {
      writeAtomic(this.dir, FILE, JSON.stringify(state));
    } catch (err) {
      throw new CheckpointWriteError(this.dir, err);
    }
  }
}
