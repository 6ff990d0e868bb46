import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createCareMetrics } from '@hartslag/metrics';
import type { Config } from '../config/Config.js';
import { LogwatchError } from '../errors.js';
import { LineParser, type ParsedLine } from '../parse/LineParser.js';
import { fileGlob } from '../source/fileGlob.js';
import { splitLines } from '../source/LineSplitter.js';

export interface BackfillOptions {
  /** Seconds between two looks at the series: the finest time a point can have. */
  stepSeconds: number;
  /**
   * Longest gap, in seconds, between two points of a series that did not change (default 300).
   * At most Prometheus' lookback delta (5m by default), so that an instant query between two
   * points still finds the series.
   */
  heartbeatSeconds?: number;
  /** The OpenMetrics file to write. */
  out: string;
}

export interface BackfillResult {
  lines: number;
  recorded: number;
  rejected: number;
  /** Points written, all series together. */
  samples: number;
  /** Points a point at every step for every series would have been (what `samples` saves against). */
  steps: number;
  from?: number;
  to?: number;
}

/** A point at every step for every series would mostly repeat the last one: a day at 1m is 1,440 points a series. */
export const DEFAULT_HEARTBEAT_SECONDS = 300;

/**
 * Reads historical logs (.gz included) with the lines' own times and writes the series they give
 * as OpenMetrics for `promtool tsdb create-blocks-from openmetrics`: the
 * rhythm panel's last-month and last-year overlays then have data on the first day. Lines go
 * through the same parser and the same recording API as `run`; at each step boundary the library's
 * own exposition is read and stamped with the boundary's time. A series gets a point only where
 * its value changed, one heartbeat after its last point, and at the last step: the same answers to
 * every query, without a point per series per step.
 */
export async function backfill(config: Config, options: BackfillOptions): Promise<BackfillResult> {
  for (const s of config.sources) {
    if (s.timestamp === undefined) {
      throw new LogwatchError(
        'HARTSLAG_ERR_LOGWATCH_CONFIG',
        `${config.file}: source "${s.name}" has no timestamp; backfill needs each line's own time (sources[].timestamp)`,
      );
    }
  }
  const metrics = createCareMetrics({ service: config.service, onWarning: () => {} });
  const result: BackfillResult = { lines: 0, recorded: 0, rejected: 0, samples: 0, steps: 0 };
  const heartbeat = (options.heartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS) * 1000;
  /** Per series (name and labels), its last written value and time. */
  const last = new Map<string, { value: string; at: number }>();
  const files: { lines: ParsedLine[]; first: number }[] = [];
  // Per file, its parsed lines; files are then taken in the order of their first line's time, so
  // rotations (.1, .2.gz, …) go oldest first whatever their names.
  for (const s of config.sources) {
    const parser = new LineParser(s);
    for (const path of fileGlob(s.path)()) {
      let bytes: Buffer = readFileSync(path);
      if (path.endsWith('.gz')) bytes = gunzipSync(bytes);
      const parsed: ParsedLine[] = [];
      splitLines(bytes, { skipping: false }, s.maxLineBytes, true, {
        line: (text) => {
          result.lines++;
          const r = parser.parse(text);
          if (r.ok) parsed.push(r.line);
          else result.rejected++;
        },
        reject: () => {
          result.lines++;
          result.rejected++;
        },
      });
      if (parsed.length > 0) files.push({ lines: parsed, first: parsed[0]!.time! });
    }
  }
  files.sort((a, b) => a.first - b.first);
  const work = mkdtempSync(join(tmpdir(), 'hartslag-backfill-'));
  const families = new Map<string, { type: string; fd: number }>();
  const step = options.stepSeconds * 1000;
  try {
    const snapshot = async (at: number, final: boolean) => {
      const text = await metrics.registry!.metrics();
      const types = new Map<string, string>();
      const ts = (at / 1000).toFixed(3);
      const chunks = new Map<string, string[]>();
      for (const line of text.split('\n')) {
        if (line.startsWith('# TYPE ')) {
          const [, , name, type] = line.split(' ');
          types.set(name!, type!);
          continue;
        }
        if (line === '' || line.startsWith('#')) continue;
        const name = line.slice(0, line.search(/[{ ]/));
        const family = familyOf(name, types);
        if (family === undefined) continue;
        result.steps++;
        const cut = line.lastIndexOf(' ');
        const series = line.slice(0, cut);
        const value = line.slice(cut + 1);
        const prev = last.get(series);
        if (!final && prev !== undefined && prev.value === value && at - prev.at < heartbeat) continue;
        last.set(series, { value, at });
        const list = chunks.get(family.name) ?? [];
        list.push(`${line} ${ts}\n`);
        chunks.set(family.name, list);
        if (!families.has(family.name)) {
          families.set(family.name, { type: family.type, fd: openSync(join(work, family.name), 'w') });
        }
      }
      for (const [name, list] of chunks) {
        writeSync(families.get(name)!.fd, list.join(''));
        result.samples += list.length;
      }
    };
    let boundary: number | undefined;
    for (const f of files) {
      for (const l of f.lines) {
        const t = l.time!;
        if (boundary === undefined) {
          boundary = Math.floor(t / step) * step + step;
          result.from = boundary;
        }
        while (t >= boundary) {
          await snapshot(boundary, false);
          boundary += step;
        }
        metrics.recordCall(l.call);
        result.recorded++;
      }
    }
    if (boundary !== undefined) {
      await snapshot(boundary, true);
      result.to = boundary;
    }
    const out = openSync(options.out, 'w');
    try {
      for (const [name, f] of families) {
        closeSync(f.fd);
        writeSync(out, `# TYPE ${name} ${f.type}\n`);
        writeSync(out, readFileSync(join(work, name)));
      }
      writeSync(out, '# EOF\n');
    } finally {
      closeSync(out);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return result;
}

/** The OpenMetrics family of a sample: counters drop `_total`, histograms their suffixes. */
function familyOf(sample: string, types: Map<string, string>): { name: string; type: string } | undefined {
  if (!sample.startsWith('care_')) return undefined;
  for (const suffix of ['', '_bucket', '_sum', '_count']) {
    if (!sample.endsWith(suffix)) continue;
    const base = sample.slice(0, sample.length - suffix.length);
    const type = types.get(base);
    if (type === undefined) continue;
    if (type === 'counter') return { name: base.replace(/_total$/, ''), type };
    return { name: base, type };
  }
  return undefined;
}
