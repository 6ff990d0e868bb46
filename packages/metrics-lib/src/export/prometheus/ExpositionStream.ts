import { Readable } from 'node:stream';
import type { Format } from './families.js';
import { internals, isOpenMetrics, type PromMetricObject, type PromRegistry } from './PromRegistry.js';
import { CHUNKS, type ChunkSource } from './register.js';

/**
 * Characters rendered per turn of the event loop: about 0.2 ms of work, and a string small enough
 * to stay in V8's young generation, which collects it nearly for free.
 */
export const CHUNK_CHARS = 64 * 1024;

/** A registry metric as the exposition needs it: ready text, or one of our families in pieces. */
type Part = string | ChunkSource;

/**
 * The text exposition of a registry (prom-client's or @prometheus-io/client's), as a stream of strings written across turns of
 * the event loop: byte for byte what `registry.metrics()` returns, without building it as one
 * string. A scrape of 55k series is 6.45 MB of text; built at once it holds the event loop for
 * tens of milliseconds and leaves a large string and its encoded copy to the garbage collector.
 *
 * Reading is pull-driven: the next piece is rendered only when the reader asks for it (a piped
 * socket asks again once it has drained), and never in the same turn as the previous one. Destroy
 * the stream when the client goes away; nothing is rendered after that.
 */
export class ExpositionStream extends Readable {
  private readonly pieces: Generator<string, void, undefined>;
  private scheduled = false;

  constructor(
    parts: readonly Part[],
    format: Format,
    private readonly chunk = CHUNK_CHARS,
  ) {
    // One piece buffered at most: the socket's own buffer is the backpressure that matters.
    super({ objectMode: true, highWaterMark: 1 });
    this.pieces = pieces(parts, format, chunk);
  }

  override _read(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate, not process.nextTick: a reader that keeps up (a socket on localhost) would
    // otherwise take the whole body within one turn, and the event loop would stall for all of it.
    setImmediate(this.step);
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    // Lets the generators go: their snapshot of the tenant table is garbage from here on.
    this.pieces.return();
    callback(err);
  }

  private readonly step = (): void => {
    this.scheduled = false;
    if (this.destroyed) return;
    let out = '';
    try {
      while (out.length < this.chunk) {
        const next = this.pieces.next();
        if (next.done) break;
        out += next.value;
      }
    } catch (err) {
      this.destroy(err as Error);
      return;
    }
    // Strings, not Buffers: the socket encodes them into memory of its own, freed as it writes;
    // Buffers made here would be megabytes per scrape for the garbage collector to track.
    this.push(out === '' ? null : out);
  };
}

/** The registry's `metrics()`: families joined by a blank line (text) or not (OpenMetrics), then the tail. */
function* pieces(parts: readonly Part[], format: Format, chunk: number): Generator<string, void, undefined> {
  const openMetrics = format === 'openmetrics';
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) yield openMetrics ? '\n' : '\n\n';
    const part = parts[i]!;
    if (typeof part === 'string') {
      yield part;
    } else {
      yield* part(format, chunk);
    }
  }
  yield openMetrics ? '\n# EOF\n' : '\n';
}

/**
 * Opens the exposition of `registry`, in its content type. The registry's other metrics (default
 * metrics, the service's own) are collected now, as `registry.metrics()` collects them, so a
 * collector that fails rejects this promise before anything is sent; ours are rendered while the
 * stream is read. With registry default labels ours take the client's formatting, which merges them.
 * `chunk` (characters per piece) is for tests that need many pieces from little data.
 */
export async function openExposition(registry: PromRegistry, chunk = CHUNK_CHARS): Promise<ExpositionStream> {
  const format: Format = isOpenMetrics(registry) ? 'openmetrics' : 'text';
  const r = internals(registry);
  const defaults = r._defaultLabels;
  const plain = defaults === undefined || Object.keys(defaults).length === 0;
  const parts = registry.getMetricsAsArray().map((metric): Part | Promise<string> => {
    const m = metric as PromMetricObject & { [CHUNKS]?: ChunkSource };
    // What both clients' metrics() do to every counter before formatting it in OpenMetrics.
    if (format === 'openmetrics' && m.type === 'counter') m.name = m.name.replace(/_total$/, '');
    const chunks = m[CHUNKS];
    return plain && typeof chunks === 'function' ? chunks : r.getMetricsAsString(metric);
  });
  return new ExpositionStream(await Promise.all(parts), format, chunk);
}
