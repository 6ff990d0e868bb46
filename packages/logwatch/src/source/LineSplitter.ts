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
        emit(buf.subarray(pos), maxLineBytes, sink);
        return buf.length;
      }
      return pos;
    }
    if (state.skipping) state.skipping = false;
    else emit(buf.subarray(pos, nl), maxLineBytes, sink);
    pos = nl + 1;
  }
  return pos;
}

function emit(raw: Uint8Array, maxLineBytes: number, sink: LineSink): void {
  let line = raw;
  if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
  if (line.length > maxLineBytes) {
    sink.reject('too_long');
    return;
  }
  if (line.length === 0) return;
  for (let i = 0; i < line.length; i++) {
    const b = line[i]!;
    // NUL and C0 controls other than tab do not occur in text logs: a binary file, or a torn write.
    if (b < 0x20 && b !== 0x09) {
      sink.reject('binary');
      return;
    }
  }
  let text: string;
  try {
    text = utf8.decode(line);
  } catch {
    sink.reject('invalid_utf8');
    return;
  }
  sink.line(text);
}
