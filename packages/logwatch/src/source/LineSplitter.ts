import type { RejectReason } from '../self/names.js';

export interface LineSink {
  line(text: string): void;
  reject(reason: RejectReason): void;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Cuts complete lines out of `buf` (the file's bytes from the stream's offset) and returns how many
 * bytes were consumed: an incomplete last line is left for the next read, unless `final` (the end
 * of a .gz) or longer than `maxLineBytes`, which is rejected and skipped to its newline — memory
 * stays bounded by the read size whatever the file holds.
 */
export function splitLines(
  buf: Uint8Array,
  state: { skipping: boolean },
  maxLineBytes: number,
  final: boolean,
  sink: LineSink,
): number {
  const bytes = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl < 0) {
      const rest = buf.length - pos;
      if (state.skipping) return buf.length;
      if (rest > maxLineBytes) {
        sink.reject('too_long');
        state.skipping = true;
        return buf.length;
      }
      if (final) {
        emit(bytes, pos, buf.length, maxLineBytes, sink);
        return buf.length;
      }
      return pos;
    }
    if (state.skipping) state.skipping = false;
    else emit(bytes, pos, nl, maxLineBytes, sink);
    pos = nl + 1;
  }
  return pos;
}

/**
 * One line, bytes [start, end) of `buf`. Works on offsets rather than a view per line, and decodes
 * ASCII lines without the UTF-8 validator: per-line allocations were most of the splitter's cost.
 */
function emit(buf: Buffer, start: number, end: number, maxLineBytes: number, sink: LineSink): void {
  if (end > start && buf[end - 1] === 0x0d) end--;
  if (end - start > maxLineBytes) {
    sink.reject('too_long');
    return;
  }
  if (end === start) return;
  let high = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    // NUL and C0 controls other than tab do not occur in text logs: a binary file, or a torn write.
    if (b < 0x20 && b !== 0x09) {
      sink.reject('binary');
      return;
    }
    high |= b;
  }
  if (high < 0x80) {
    sink.line(buf.toString('latin1', start, end));
    return;
  }
  let text: string;
  try {
    text = utf8.decode(buf.subarray(start, end));
  } catch {
    sink.reject('invalid_utf8');
    return;
  }
  sink.line(text);
}
