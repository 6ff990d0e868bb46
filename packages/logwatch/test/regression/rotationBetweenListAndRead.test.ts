import { appendFileSync, copyFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SourceTailer, type StreamState } from '../../src/index.js';

// The kill -9 run once ended with exact totals but lines moved between outcomes: a poll listed a
// file, the writer rotated it, and the poll then read the new content at the old stream's offset.
// Lines of the old stream were lost and as many of the new one counted twice. Here the rotation is
// made to land in that gap on purpose: `a.log` sorts before `b.log`, so while the poll hands a line
// of `a.log` to the sink, `b.log` has been listed and not read yet.

let dir: string;
let lines: string[];
let onLine: (text: string) => void;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logwatch-list-read-'));
  lines = [];
  onLine = () => {};
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => join(dir, name);
/** Lines of one length, so that an offset into old content lands on a line start of the new. */
const block = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix} ${String(from + i).padStart(3, '0')}`);
const text = (ls: string[]) => ls.map((l) => `${l}\n`).join('');

function tailer(restored: StreamState[] = []): SourceTailer {
  return new SourceTailer(
    file('*.log*'),
    1024,
    {
      line: (t) => {
        lines.push(t);
        onLine(t);
      },
      reject: (r) => {
        throw new Error(`unexpected reject ${r}`);
      },
    },
    restored,
  );
}

/** Every line with how often it was read; a line lost is missing, one counted twice has 2. */
function counts(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of lines) out[l] = (out[l] ?? 0) + 1;
  return out;
}
const once = (ls: string[]) => Object.fromEntries(ls.map((l) => [l, 1]));

describe('a rotation between listing the directory and reading the file', () => {
  it('copytruncate: the rest of the old stream is read from the copy, the new content once', () => {
    writeFileSync(file('a.log'), 'a start\n');
    writeFileSync(file('b.log'), text(block('b', 1, 10)));
    const t = tailer();
    t.poll();
    appendFileSync(file('b.log'), text(block('b', 11, 20)));
    appendFileSync(file('a.log'), 'trigger\n');
    onLine = (l) => {
      if (l !== 'trigger') return;
      copyFileSync(file('b.log'), file('b.log.1'));
      truncateSync(file('b.log'), 0);
      appendFileSync(file('b.log'), text(block('c', 1, 40)));
    };
    t.poll();
    t.poll();
    t.poll();
    expect(counts()).toEqual(once(['a start', 'trigger', ...block('b', 1, 20), ...block('c', 1, 40)]));
  });

  it('rename: a file first seen under a name that is replaced before it is opened is read once, as itself', () => {
    writeFileSync(file('a.log'), 'a start\n');
    const t = tailer();
    t.poll();
    writeFileSync(file('b.log'), text(block('b', 1, 10)));
    appendFileSync(file('a.log'), 'trigger\n');
    onLine = (l) => {
      if (l !== 'trigger') return;
      renameSync(file('b.log'), file('b.log.1'));
      writeFileSync(file('b.log'), text(block('c', 1, 40)));
    };
    t.poll();
    t.poll();
    t.poll();
    expect(counts()).toEqual(once(['a start', 'trigger', ...block('b', 1, 10), ...block('c', 1, 40)]));
  });

  it('copytruncate right after a restart: the restored stream is not read from the truncated file', () => {
    writeFileSync(file('a.log'), 'a start\n');
    writeFileSync(file('b.log'), text(block('b', 1, 10)));
    const first = tailer();
    first.poll();
    const state = first.state();
    first.close();
    appendFileSync(file('b.log'), text(block('b', 11, 20)));
    appendFileSync(file('a.log'), 'trigger\n');
    onLine = (l) => {
      if (l !== 'trigger') return;
      copyFileSync(file('b.log'), file('b.log.1'));
      truncateSync(file('b.log'), 0);
      appendFileSync(file('b.log'), text(block('c', 1, 40)));
    };
    const t = tailer(state);
    t.poll();
    t.poll();
    t.poll();
    expect(counts()).toEqual(once(['a start', 'trigger', ...block('b', 1, 20), ...block('c', 1, 40)]));
  });
});
