import type { CallRecord, Outcome } from '@hartslag/metrics';
import { isOutcome } from '@hartslag/metrics';
import type { SourceConfig } from '../config/Config.js';
import type { RejectReason } from '../self/names.js';
import { type FieldReader, fieldReader } from './fields.js';
import { timestampReader } from './timestamp.js';

/** A line as a call for the record API, with its own time when the source names one. */
export interface ParsedLine {
  call: CallRecord & { outcome: Outcome };
  /** Milliseconds since the epoch, from the line. */
  time?: number;
}

export type ParseResult =
  | { ok: true; line: ParsedLine; fields: Record<string, unknown> }
  | { ok: false; reason: RejectReason; fields?: Record<string, unknown> };

/**
 * Turns one line of a source into a call record. Never throws: a line that does not fit is a
 * reason, counted by the caller.
 */
export class LineParser {
  private readonly read: FieldReader;
  private readonly time: ((v: unknown) => number | undefined) | undefined;

  constructor(private readonly source: SourceConfig) {
    this.read = fieldReader(source);
    this.time = source.timestamp === undefined ? undefined : timestampReader(source.timestamp);
  }

  parse(text: string): ParseResult {
    const fields = this.read(text);
    if (fields === undefined) return { ok: false, reason: 'no_match' };
    const map = this.source.fields;
    const operation = label(fields[map.operation]);
    if (operation === undefined) return { ok: false, reason: 'field', fields };
    const code = map.code === undefined ? undefined : label(fields[map.code]);
    const outcome = this.outcomeOf(fields, code);
    if (outcome === undefined) return { ok: false, reason: 'outcome', fields };
    const call: ParsedLine['call'] = { operation, outcome };
    if (code !== undefined) call.code = code;
    const tenant = map.tenant === undefined ? undefined : label(fields[map.tenant]);
    if (tenant !== undefined) call.tenant = tenant;
    const vendor = map.vendor === undefined ? undefined : label(fields[map.vendor]);
    if (vendor !== undefined) call.vendor = vendor;
    if (map.latency !== undefined) {
      const raw = fields[map.latency.field];
      if (raw !== undefined && raw !== '-' && raw !== '') {
        const n = typeof raw === 'number' ? raw : Number(raw);
        if (!Number.isFinite(n) || n < 0) return { ok: false, reason: 'latency', fields };
        call.seconds = n * map.latency.scale;
      }
    }
    const parsed: ParsedLine = { call };
    if (this.time !== undefined) {
      const t = this.time(fields[this.source.timestamp!.field]);
      if (t === undefined) return { ok: false, reason: 'timestamp', fields };
      parsed.time = t;
    }
    return { ok: true, line: parsed, fields };
  }

  private outcomeOf(fields: Record<string, unknown>, code: string | undefined): Outcome | undefined {
    const map = this.source.fields;
    if (map.outcome !== undefined) {
      const o = fields[map.outcome];
      if (typeof o === 'string' && isOutcome(o)) return o;
    }
    if (code !== undefined) {
      for (const rule of this.source.codes) if (rule.test(code)) return rule.outcome;
    }
    return this.source.defaultOutcome;
  }
}

/** A label value from a parsed field: text and numbers as text; nothing else. */
function label(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' || v === '-' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  return undefined;
}
