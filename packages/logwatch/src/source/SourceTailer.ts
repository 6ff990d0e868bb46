import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileGlob } from './fileGlob.js';
import { FINGERPRINT_BYTES, fingerprint } from './fingerprint.js';
import { type LineSink, splitLines } from './LineSplitter.js';
import type { StreamState } from './StreamState.js';

/** Most streams remembered (files gone from the glob are kept so a later .gz of one is not re-read). */
const MAX_STREAMS = 10_000;
/**
 * Bytes read from one file per poll: one busy file must not starve the others, and a poll runs on
 * the event loop, so a backlog is read a mebibyte (≈10,000 lines, tens of milliseconds) at a time
 * with scrapes answered in between. At 16 MiB a poll held the loop about two seconds: during a
 * 40 MiB catch-up /metrics answered once, after 1.9-2.1 s (at 1 MiB: 8 times, at most 0.78 s).
 */
export const READ_PER_POLL = 1024 * 1024;

interface Candidate {
  path: string;
  dev: number;
  ino: number;
  size: number;
  gz: boolean;
  fp: string;
  /** Decompressed content of a .gz. */
  data?: Buffer;
}

interface Stream extends StreamState {
  fd?: number;
  /** Size of the file behind it at the last poll, for lag. */
  size: number;
}

/**
 * Follows the files of one source across growth, rename, copytruncate, deletion and gzip. A file
 * is a stream known by its first line's fingerprint; device and inode tell the file it lives in now
 * from a copy of it. `poll` reads every complete new line into the sink, synchronously: between two
 * polls, offsets and what the sink recorded agree, which is what the checkpoint needs.
 */
export class SourceTailer {
  private readonly streams = new Map<string, Stream>();
  private readonly list: () => string[];
  private readonly chunk: Buffer;
  private readonly head = Buffer.allocUnsafe(FINGERPRINT_BYTES);
  bytesRead = 0;
  /** Candidates seen at the last poll; 0 means the glob matches nothing. */
  filesSeen = 0;

  constructor(
    path: string,
    private readonly maxLineBytes: number,
    private readonly sink: LineSink,
    restored: readonly StreamState[] = [],
  ) {
    this.list = fileGlob(path);
    this.chunk = Buffer.allocUnsafe(Math.max(1024 * 1024, maxLineBytes + 1));
    for (const s of restored) this.streams.set(s.fingerprint, { ...s, size: s.offset });
  }

  /** Bytes in the files not read yet. */
  get lag(): number {
    let n = 0;
    for (const s of this.streams.values()) if (s.fd !== undefined && s.size > s.offset) n += s.size - s.offset;
    return n;
  }

  state(): StreamState[] {
    return [...this.streams.values()].map(({ fingerprint, dev, ino, path, offset, done, skipping }) => ({
      fingerprint,
      dev,
      ino,
      path,
      offset,
      done,
      skipping,
    }));
  }

  poll(): void {
    const candidates = this.candidates();
    this.filesSeen = candidates.length;
    const byFp = new Map<string, Candidate[]>();
    for (const c of candidates) {
      const l = byFp.get(c.fp);
      if (l === undefined) byFp.set(c.fp, [c]);
      else l.push(c);
    }
    const active = new Set<Stream>();
    for (const [fp, group] of byFp) {
      let s = this.streams.get(fp);
      if (s?.done) continue;
      // The file the stream lives in, if still there; else the content has moved (copytruncate's
      // copy, a .gz of it, a rename across devices): follow it from the same offset.
      const here = s === undefined ? undefined : group.find((c) => c.dev === s!.dev && c.ino === s!.ino);
      const c = here ?? group.find((x) => x.gz) ?? group[0]!;
      if (s === undefined) {
        s = { fingerprint: fp, dev: c.dev, ino: c.ino, path: c.path, offset: 0, done: false, skipping: false, size: 0 };
        this.streams.set(fp, s);
      } else if (here === undefined) {
        this.closeFd(s, true);
        s.dev = c.dev;
        s.ino = c.ino;
      }
      s.path = c.path;
      active.add(s);
      this.read(s, c);
    }
    for (const s of this.streams.values()) {
      if (!active.has(s) && s.fd !== undefined) this.closeFd(s, true);
    }
    this.prune(active);
  }

  private candidates(): Candidate[] {
    const out: Candidate[] = [];
    const head = Buffer.allocUnsafe(FINGERPRINT_BYTES);
    for (const path of this.list()) {
      let st: ReturnType<typeof statSync>;
      try {
        st = statSync(path);
      } catch {
        continue; // Gone between the listing and now: the next poll sees what took its place.
      }
      if (!st.isFile()) continue;
      const gz = path.endsWith('.gz');
      if (gz) {
        if (this.isDoneFile(st.dev, st.ino)) continue;
        let data: Buffer;
        try {
          data = gunzipSync(readFileBytes(path));
        } catch {
          continue; // Still being written by gzip, or not gzip: try again next poll.
        }
        const fp = fingerprint(data);
        if (fp !== undefined) out.push({ path, dev: st.dev, ino: st.ino, size: data.length, gz, fp, data });
        continue;
      }
      let n: number;
      try {
        const fd = openSync(path, 'r');
        try {
          // Identity, size and head from one open file: the path may name another one by now.
          st = fstatSync(fd);
          n = readSync(fd, head, 0, FINGERPRINT_BYTES, 0);
        } finally {
          closeSync(fd);
        }
      } catch {
        continue;
      }
      const fp = fingerprint(head.subarray(0, n));
      if (fp !== undefined) out.push({ path, dev: st.dev, ino: st.ino, size: st.size, gz, fp });
    }
    return out;
  }

  private isDoneFile(dev: number, ino: number): boolean {
    for (const s of this.streams.values()) if (s.done && s.dev === dev && s.ino === ino) return true;
    return false;
  }

  private read(s: Stream, c: Candidate): void {
    if (c.data !== undefined) {
      if (s.offset < c.data.length) {
        const used = splitLines(c.data.subarray(s.offset), s, this.maxLineBytes, true, this.sink);
        this.bytesRead += used;
        s.offset += used;
      }
      s.size = c.data.length;
      s.done = true;
      return;
    }
    if (c.size < s.offset) {
      // Truncated below what was read (copytruncate without a copy in the glob, or a rewrite):
      // what it holds now is new.
      s.offset = 0;
      s.skipping = false;
    }
    if (s.fd === undefined) {
      try {
        s.fd = openSync(c.path, 'r');
        // Renamed away and replaced since the listing: this path names another file now.
        const st = fstatSync(s.fd);
        if (st.dev !== c.dev || st.ino !== c.ino) throw new Error('replaced');
      } catch {
        this.closeFd(s, false);
        return;
      }
    }
    // The file may have been rotated since the listing: then what was read is not this stream's.
    if (!this.drain(s, c.size)) this.closeFd(s, false);
  }

  /**
   * Reads the stream's file from its offset up to `size`, at most READ_PER_POLL bytes. False when
   * the file no longer starts with the stream's first line: a copytruncate or rename came between
   * the listing and the read, so the bytes at the offset belong to another stream. Those bytes are
   * dropped unread; the next poll finds this stream's content (the copy, the renamed file) by its
   * fingerprint and the new content as a stream of its own, each from its right offset.
   */
  private drain(s: Stream, size: number): boolean {
    s.size = size;
    let budget = READ_PER_POLL;
    while (s.offset < size && budget > 0) {
      const want = Math.min(this.chunk.length, size - s.offset);
      let n: number;
      try {
        n = readSync(s.fd!, this.chunk, 0, want, s.offset);
      } catch {
        return true;
      }
      if (n <= 0) return true;
      // Checked after the read: a file that still starts with this stream's first line was not
      // truncated before the read, so the bytes read are this stream's.
      if (!this.holdsStream(s)) return false;
      const used = splitLines(this.chunk.subarray(0, n), s, this.maxLineBytes, false, this.sink);
      s.offset += used;
      this.bytesRead += used;
      budget -= n;
      // An incomplete last line: wait for its newline.
      if (used < n && s.offset + (n - used) >= size) return true;
      if (used === 0) return true;
    }
    return true;
  }

  private holdsStream(s: Stream): boolean {
    try {
      const n = readSync(s.fd!, this.head, 0, FINGERPRINT_BYTES, 0);
      return fingerprint(this.head.subarray(0, n)) === s.fingerprint;
    } catch {
      return false;
    }
  }

  /** Reads what is left in a file that left the glob (deleted or renamed away) and lets it go. */
  private closeFd(s: Stream, drain: boolean): void {
    if (s.fd === undefined) return;
    if (drain) {
      try {
        // drain reads only while the file still holds this stream: a truncated and refilled file is new.
        this.drain(s, fstatSync(s.fd).size);
      } catch {
        // Nothing more can be read from it.
      }
    }
    try {
      closeSync(s.fd);
    } catch {
      // Already closed.
    }
    s.fd = undefined;
  }

  private prune(active: Set<Stream>): void {
    if (this.streams.size <= MAX_STREAMS) return;
    for (const [fp, s] of this.streams) {
      if (this.streams.size <= MAX_STREAMS) break;
      if (!active.has(s)) this.streams.delete(fp);
    }
  }

  close(): void {
    for (const s of this.streams.values()) this.closeFd(s, false);
  }
}

function readFileBytes(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, got);
      if (n <= 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}
