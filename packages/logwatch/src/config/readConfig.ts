import { isOutcome, OUTCOMES, type Outcome } from '@hartslag/metrics';
import { parseDuration, suggest } from '@hartslag/slo';
import { IANAZone } from 'luxon';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';
import { compileGrok, GrokProblem, grokPatterns } from '../grok/compileGrok.js';
import {
  type CodeRule,
  type Config,
  DEFAULT_MAX_LINE_BYTES,
  DEFAULT_ZONE,
  type FieldMap,
  FORMATS,
  type FormatKind,
  type LatencyConfig,
  PUSH_DEFAULTS,
  type PushConfig,
  type SourceConfig,
  type TimestampConfig,
} from './Config.js';
import type { Field, YamlReader as Reader } from './YamlReader.js';
import { YamlReader } from './YamlReader.js';

const API_VERSION = 'hartslag.logwatch/v1';
const TOP = ['apiVersion', 'service', 'checkpoint', 'listen', 'poll', 'sources', 'push'] as const;
const PUSH = ['url', 'interval', 'batch', 'timeout', 'maxBackoff', 'maxQueue', 'labels'] as const;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const CHECKPOINT = ['dir', 'interval'] as const;
const SOURCE = [
  'name',
  'path',
  'format',
  'pattern',
  'timestamp',
  'fields',
  'codes',
  'defaultOutcome',
  'maxLineBytes',
] as const;
const TIMESTAMP = ['field', 'format', 'zone'] as const;
const FIELDS = ['operation', 'outcome', 'code', 'tenant', 'vendor', 'latency'] as const;
const LATENCY = ['field', 'unit'] as const;
const UNITS: Record<string, number> = { s: 1, ms: 0.001, us: 0.000_001, ns: 0.000_000_001 };

/**
 * Reads a logwatch config. Throws one ConfigError listing every problem as `file:line: field
 * message`, so one run fixes them all. `file` names the text in messages; relative paths in the
 * config stay as written (the CLI resolves them against the working directory).
 */
export function readConfig(text: string, file: string): Config {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const r = new YamlReader(file, lines);
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      r.fail({ path: '', line: r.lineAt(e.pos[0]), node: null }, e.message.split('\n')[0] ?? 'YAML error');
    }
    throw new ConfigError(file, r.problems);
  }
  const root = r.root(doc);
  const top = r.map(root, TOP);
  if (top === undefined) throw new ConfigError(file, r.problems);
  const api = r.need(top, 'apiVersion', root);
  if (api !== undefined) {
    const v = r.string(api);
    if (v !== undefined && v !== API_VERSION) r.fail(api, `must be "${API_VERSION}", got "${v}"`);
  }
  const serviceField = r.need(top, 'service', root);
  const service = serviceField === undefined ? undefined : r.string(serviceField);
  const checkpoint = readCheckpoint(r, top, root);
  const listen = readListen(r, top.get('listen'));
  const pollField = top.get('poll');
  const pollSeconds = pollField === undefined ? 0.25 : duration(r, pollField);
  const sourcesField = r.need(top, 'sources', root);
  const sources: SourceConfig[] = [];
  const items = sourcesField === undefined ? undefined : r.list(sourcesField);
  if (items !== undefined && items.length === 0 && sourcesField !== undefined) r.fail(sourcesField, 'lists no source');
  const names = new Set<string>();
  for (const item of items ?? []) {
    const s = readSource(r, item);
    if (s === undefined) continue;
    if (names.has(s.name)) r.fail(item, `name "${s.name}" is used by an earlier source; names key the checkpoint`);
    names.add(s.name);
    sources.push(s);
  }
  const push = optional(r, top.get('push'), (x) => readPush(r, x));
  if (r.problems.length > 0) throw new ConfigError(file, r.problems);
  return {
    file,
    service: service!,
    checkpoint: checkpoint!,
    listen,
    pollSeconds: pollSeconds!,
    sources,
    ...(push === undefined ? {} : { push }),
  };
}

function readPush(r: Reader, f: Field): PushConfig | undefined {
  const m = r.map(f, PUSH);
  if (m === undefined) return undefined;
  const urlField = r.need(m, 'url', f);
  const url = urlField === undefined ? undefined : r.string(urlField);
  if (url !== undefined && !/^https?:\/\/[^/]/.test(url)) {
    r.fail(urlField!, `must be an http(s) URL such as "http://prometheus:9090/api/v1/write", got "${url}"`);
  }
  const count = (key: string, fallback: number) =>
    optional(r, m.get(key), (x) => {
      const n = r.number(x);
      if (n === undefined) return undefined;
      if (!Number.isInteger(n) || n < 1) return r.fail(x, `must be a whole number of at least 1, got ${n}`);
      return n;
    }) ?? fallback;
  const labels: Record<string, string> = { ...PUSH_DEFAULTS.labels };
  const labelsField = m.get('labels');
  if (labelsField !== undefined) {
    const lm = r.map(labelsField, undefined);
    for (const [name, v] of lm ?? []) {
      const value = r.string(v);
      if (!LABEL_NAME.test(name) || name.startsWith('__'))
        r.fail(v, `"${name}" is not a label name a series may carry`);
      else if (value !== undefined) labels[name] = value;
    }
  }
  const intervalSeconds = optional(r, m.get('interval'), (x) => duration(r, x)) ?? PUSH_DEFAULTS.intervalSeconds;
  const timeoutSeconds = optional(r, m.get('timeout'), (x) => duration(r, x)) ?? PUSH_DEFAULTS.timeoutSeconds;
  const maxBackoffSeconds = optional(r, m.get('maxBackoff'), (x) => duration(r, x)) ?? PUSH_DEFAULTS.maxBackoffSeconds;
  const batch = count('batch', PUSH_DEFAULTS.batch);
  const maxQueue = count('maxQueue', PUSH_DEFAULTS.maxQueue);
  if (url === undefined) return undefined;
  return { url, intervalSeconds, batch, timeoutSeconds, maxBackoffSeconds, maxQueue, labels };
}

function readCheckpoint(r: Reader, top: Map<string, Field>, root: Field): Config['checkpoint'] | undefined {
  const f = r.need(top, 'checkpoint', root);
  if (f === undefined) return undefined;
  const m = r.map(f, CHECKPOINT);
  if (m === undefined) return undefined;
  const dirField = r.need(m, 'dir', f);
  const dir = dirField === undefined ? undefined : r.string(dirField);
  const intervalField = m.get('interval');
  const intervalSeconds = intervalField === undefined ? 1 : duration(r, intervalField);
  if (dir === undefined || intervalSeconds === undefined) return undefined;
  return { dir, intervalSeconds };
}

function readListen(r: Reader, f: Field | undefined): Config['listen'] {
  const fallback = { host: '127.0.0.1', port: 9464 };
  if (f === undefined) return fallback;
  const v = r.string(f);
  if (v === undefined) return fallback;
  const m = /^(.*):(\d{1,5})$/.exec(v);
  const port = m === null ? Number.NaN : Number(m[2]);
  if (m === null || port > 65_535) {
    r.fail(f, `must be host:port, e.g. "127.0.0.1:9464" (port 0 picks a free one), got "${v}"`);
    return fallback;
  }
  return { host: m[1] === '' ? '127.0.0.1' : m[1]!, port };
}

function duration(r: Reader, f: Field): number | undefined {
  const v = r.string(f);
  if (v === undefined) return undefined;
  const s = parseDuration(v);
  if (s === undefined || s <= 0) return r.fail(f, `must be a duration such as "1s" or "250ms", got "${v}"`);
  return s;
}

function readSource(r: Reader, f: Field): SourceConfig | undefined {
  const m = r.map(f, SOURCE);
  if (m === undefined) return undefined;
  const before = r.problems.length;
  const name = optional(r, m.get('name'), (x) => r.string(x)) ?? (r.need(m, 'name', f) && undefined);
  const pathField = r.need(m, 'path', f);
  const path = pathField === undefined ? undefined : r.string(pathField);
  if (path !== undefined && /[*?[]/.test(path.slice(0, Math.max(path.lastIndexOf('/'), 0)))) {
    r.fail(pathField!, 'may have wildcards in the file name only, not in the directory');
  }
  const formatField = r.need(m, 'format', f);
  const format = formatField === undefined ? undefined : r.oneOf<FormatKind>(formatField, FORMATS);
  let pattern: string | undefined;
  let groups: Set<string> | undefined;
  const patternField = m.get('pattern');
  if (format === 'regex') {
    const pf = r.need(m, 'pattern', f);
    pattern = pf === undefined ? undefined : r.string(pf);
    if (pattern !== undefined) {
      try {
        new RegExp(pattern);
        groups = new Set([...pattern.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((x) => x[1]!));
        if (groups.size === 0) r.fail(pf!, 'has no named group; name what the fields map, e.g. (?<tenant>\\S+)');
      } catch (err) {
        r.fail(pf!, `is not a valid regular expression: ${(err as Error).message}`);
      }
    }
  } else if (format === 'grok') {
    const pf = r.need(m, 'pattern', f);
    pattern = pf === undefined ? undefined : r.string(pf);
    if (pattern !== undefined) {
      try {
        groups = new Set(compileGrok(pattern).fields);
        if (groups.size === 0) r.fail(pf!, 'names no field; name what the fields map, e.g. %{IP:client}');
      } catch (err) {
        if (!(err instanceof GrokProblem)) throw err;
        const near = err.unknown === undefined ? undefined : suggest(err.unknown, [...grokPatterns().keys()]);
        r.fail(pf!, `${err.message}${near === undefined ? '' : `; did you mean "${near}"?`}`);
      }
    }
  } else if (patternField !== undefined && format !== undefined) {
    r.fail(patternField, `is only read with format regex or grok, not ${format}`);
  }
  const timestamp = optional(r, m.get('timestamp'), (x) => readTimestamp(r, x));
  const fieldsField = r.need(m, 'fields', f);
  const fields = fieldsField === undefined ? undefined : readFields(r, fieldsField);
  const codes = optional(r, m.get('codes'), (x) => readCodes(r, x)) ?? [];
  const defaultOutcome = optional(r, m.get('defaultOutcome'), (x) => outcome(r, x));
  const maxLineBytes = optional(r, m.get('maxLineBytes'), (x) => {
    const n = r.number(x);
    if (n !== undefined && (!Number.isInteger(n) || n < 16 || n > 16 * 1024 * 1024)) {
      return r.fail(x, `must be a whole number of bytes from 16 to 16777216, got ${n}`);
    }
    return n;
  });
  if (groups !== undefined && fieldsField !== undefined && fields !== undefined) {
    const used: [string, string | undefined][] = [
      ['operation', fields.operation],
      ['outcome', fields.outcome],
      ['code', fields.code],
      ['tenant', fields.tenant],
      ['vendor', fields.vendor],
      ['latency', fields.latency?.field],
      ['timestamp', timestamp?.field],
    ];
    for (const [what, group] of used) {
      if (group !== undefined && !groups.has(group)) {
        r.fail(
          fieldsField,
          `${what} reads group "${group}", which the pattern does not name (it names: ${[...groups].join(', ')})`,
        );
      }
    }
  }
  if (
    fields !== undefined &&
    fields.outcome === undefined &&
    fields.code === undefined &&
    defaultOutcome === undefined
  ) {
    r.fail(fieldsField!, "needs outcome or code (with codes) to tell each call's outcome, or set defaultOutcome");
  }
  if (r.problems.length > before) return undefined;
  return {
    name: name!,
    path: path!,
    format: format!,
    ...(pattern !== undefined ? { pattern } : {}),
    ...(timestamp !== undefined ? { timestamp } : {}),
    fields: fields!,
    codes,
    ...(defaultOutcome !== undefined ? { defaultOutcome } : {}),
    maxLineBytes: maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
  };
}

function optional<T>(_r: Reader, f: Field | undefined, read: (f: Field) => T | undefined): T | undefined {
  return f === undefined ? undefined : read(f);
}

function readTimestamp(r: Reader, f: Field): TimestampConfig | undefined {
  const m = r.map(f, TIMESTAMP);
  if (m === undefined) return undefined;
  const ff = r.need(m, 'field', f);
  const field = ff === undefined ? undefined : r.string(ff);
  const format = optional(r, m.get('format'), (x) => r.string(x)) ?? 'iso';
  const zone = optional(r, m.get('zone'), (x) => {
    const z = r.string(x);
    if (z !== undefined && !IANAZone.isValidZone(z)) {
      return r.fail(x, `is not an IANA time zone such as "Europe/Brussels" or "UTC", got "${z}"`);
    }
    return z;
  });
  if (field === undefined) return undefined;
  return { field, format, zone: zone ?? DEFAULT_ZONE };
}

function readFields(r: Reader, f: Field): FieldMap | undefined {
  const m = r.map(f, FIELDS);
  if (m === undefined) return undefined;
  const of = r.need(m, 'operation', f);
  const operation = of === undefined ? undefined : r.string(of);
  const text = (k: string) => optional(r, m.get(k), (x) => r.string(x));
  const latency = optional(r, m.get('latency'), (x) => readLatency(r, x));
  if (operation === undefined) return undefined;
  const out: FieldMap = { operation };
  for (const k of ['outcome', 'code', 'tenant', 'vendor'] as const) {
    const v = text(k);
    if (v !== undefined) out[k] = v;
  }
  if (latency !== undefined) out.latency = latency;
  return out;
}

function readLatency(r: Reader, f: Field): LatencyConfig | undefined {
  const m = r.map(f, LATENCY);
  if (m === undefined) return undefined;
  const ff = r.need(m, 'field', f);
  const field = ff === undefined ? undefined : r.string(ff);
  const unit = optional(r, m.get('unit'), (x) => r.oneOf(x, Object.keys(UNITS))) ?? 's';
  if (field === undefined) return undefined;
  return { field, scale: UNITS[unit]! };
}

function outcome(r: Reader, f: Field): Outcome | undefined {
  const v = r.oneOf(f, OUTCOMES);
  return v !== undefined && isOutcome(v) ? v : undefined;
}

function readCodes(r: Reader, f: Field): CodeRule[] | undefined {
  const m = r.map(f, undefined);
  if (m === undefined) return undefined;
  const rules: CodeRule[] = [];
  for (const [code, field] of m) {
    const o = outcome(r, field);
    if (o === undefined) continue;
    rules.push({ code, outcome: o, test: codeTest(code) });
  }
  // Exact codes before patterns, so `503: timeout` wins over `5xx: server_error`.
  return rules.sort((a, b) => Number(/x/i.test(a.code)) - Number(/x/i.test(b.code)));
}

/** `5xx` matches any three-character code starting with 5; anything else matches itself. */
function codeTest(code: string): (c: string) => boolean {
  if (!/^[0-9]*[xX]+$/.test(code) || !/[0-9]/.test(code)) return (c) => c === code;
  const re = new RegExp(`^${code.replace(/[xX]/g, '[0-9]')}$`);
  return (c) => re.test(c);
}
