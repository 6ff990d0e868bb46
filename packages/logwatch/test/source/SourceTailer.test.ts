import { appendFileSync, copyFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RejectReason } from '../../src/index.js';
import { SourceTailer, type StreamState } from '../../src/index.js';
import { READ_PER_POLL } from '../../src/source/SourceTailer.js';

let dir: string;
let lines: string[];
let rejected: RejectReason[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logwatch-tail-'));
  lines = [];
  rejected = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function tailer(restored: StreamState[] = [], maxLineBytes = 1024): SourceTailer {
  return new SourceTailer(
    join(dir, 'access.log*'),
    maxLineBytes,
    {
      line: (t) => lines.push(t),
      reject: (r) => rejected.push(r),
    },
    restored,
  );
}

const file = (name = 'access.log') => join(dir, name);

describe('SourceTailer', () => {
  it('reads a growing file, and an incomplete last line waits for its newline', () => {
    const t = tailer();
    writeFileSync(file(), 'a 1\nb 2\nc 3');
    t.poll();
    expect(lines).toEqual(['a 1', 'b 2']);
    appendFileSync(file(), '33\nd 4\n');
    t.poll();
    expect(lines).toEqual(['a 1', 'b 2', 'c 333', 'd 4']);
    expect(t.lag).toBe(0);
  });

  it("reads a backlog a poll's share at a time, so the event loop is free between polls", () => {
    const t = tailer();
    // 2.5 polls' worth of 100-byte lines.
    const line = `${'x'.repeat(99)}\n`;
    const total = Math.floor((2.5 * READ_PER_POLL) / line.length);
    writeFileSync(file(), line.repeat(total));
    const read: number[] = [];
    const lag: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = t.bytesRead;
      t.poll();
      read.push(t.bytesRead - before);
      lag.push(t.lag);
    }
    expect(read.every((n) => n <= READ_PER_POLL)).toBe(true);
    expect(read.reduce((a, b) => a + b, 0)).toBe(total * line.length);
    expect(read.filter((n) => n > 0)).toHaveLength(3);
    expect(lag[0]).toBe(total * line.length - read[0]!);
    expect(lag.slice(2)).toEqual([0, 0]);
    expect(lines).toHaveLength(total);
  });

  it('follows a rename rotation: the rest of the old file, then the new one', () => {
    const t = tailer();
    writeFileSync(file(), 'a 1\n');
    t.poll();
    appendFileSync(file(), 'b 2\n');
    renameSync(file(), file('access.log.1'));
    writeFileSync(file(), 'c 3\n');
    t.poll();
    expect(lines.sort()).toEqual(['a 1', 'b 2', 'c 3']);
    t.poll();
    expect(lines).toHaveLength(3);
  });

  it('survives copytruncate: lines after the last read are read from the copy, the truncated file anew', () => {
    const t = tailer();
    writeFileSync(file(), 'a 1\nb 2\n');
    t.poll();
    appendFileSync(file(), 'c 3\n');
    copyFileSync(file(), file('access.log.1'));
    truncateSync(file(), 0);
    t.poll();
    appendFileSync(file(), 'd 4\n');
    t.poll();
    expect(lines).toEqual(['a 1', 'b 2', 'c 3', 'd 4']);
  });

  it('reads a rotated .gz once, from where the plain file was left', () => {
    const t = tailer();
    writeFileSync(file(), 'a 1\n');
    t.poll();
    appendFileSync(file(), 'b 2\n');
    renameSync(file(), file('access.log.1'));
    writeFileSync(file('access.log.1.gz'), gzipSync('a 1\nb 2\n'));
    rmSync(file('access.log.1'));
    t.poll();
    t.poll();
    expect(lines).toEqual(['a 1', 'b 2']);
    // A restart with the checkpointed state reads it no more.
    const again = tailer(t.state());
    again.poll();
    expect(lines).toEqual(['a 1', 'b 2']);
  });

  it('reads a new file matching the glob, and a .gz never seen before in full', () => {
    const t = tailer();
    t.poll();
    expect(t.filesSeen).toBe(0);
    writeFileSync(file('access.log.2.gz'), gzipSync('old 1\nold 2'));
    writeFileSync(file('access.log'), 'new 1\n');
    t.poll();
    expect(lines.sort()).toEqual(['new 1', 'old 1', 'old 2']);
    expect(t.filesSeen).toBe(2);
  });

  it('counts an over-long line, invalid UTF-8 and binary as rejected, and reads on', () => {
    const t = tailer([], 16);
    writeFileSync(file(), 'first line ok\n');
    t.poll();
    appendFileSync(file(), `${'x'.repeat(40)}`);
    t.poll();
    appendFileSync(file(), `${'y'.repeat(40)}\n`);
    appendFileSync(file(), Buffer.from([0x61, 0xff, 0xfe, 0x0a]));
    appendFileSync(file(), Buffer.from([0x00, 0x01, 0x02, 0x0a]));
    appendFileSync(file(), 'last ok\n');
    t.poll();
    expect(lines).toEqual(['first line ok', 'last ok']);
    expect(rejected).toEqual(['too_long', 'invalid_utf8', 'binary']);
  });

  it('starts over when a file is truncated below the offset and refilled', () => {
    const t = tailer();
    writeFileSync(file(), 'a 1\nb 2\nc 3\n');
    t.poll();
    writeFileSync(file(), 'z 9\n');
    t.poll();
    expect(lines).toEqual(['a 1', 'b 2', 'c 3', 'z 9']);
  });

  it('reads what is left of a file deleted while open', () => {
    const t = tailer();
    writeFileSync(file(), 'a 1\n');
    t.poll();
    appendFileSync(file(), 'b 2\n');
    rmSync(file());
    t.poll();
    expect(lines).toEqual(['a 1', 'b 2']);
    expect(t.filesSeen).toBe(0);
  });

  it('resumes from its state without reading a line twice', () => {
    const t = tailer();
    writeFileSync(file(), 'a 1\nb 2\n');
    t.poll();
    const state = t.state();
    t.close();
    appendFileSync(file(), 'c 3\n');
    const again = tailer(state);
    again.poll();
    expect(lines).toEqual(['a 1', 'b 2', 'c 3']);
  });
});
