/**
 * A strict reader of the Prometheus text format 0.0.4 and OpenMetrics 1.0
 * (https://prometheus.io/docs/instrumenting/exposition_formats/, https://openmetrics.io): it throws
 * on anything a scraper could reject or misread, so a property test can demand "every scrape parses".
 * Checked: line grammar, label-name rules, the three escapes (and no others), well-formed UTF-16,
 * one TYPE per family before its samples, samples only under a declared family, no duplicate
 * series, float values, and histograms whose buckets are cumulative with +Inf equal to _count.
 */

export type ExpositionFormat = 'text' | 'openmetrics';

export interface ParsedExposition {
  /** `name{k="v",…}` (labels sorted, values unescaped) → value. */
  samples: Map<string, number>;
  /** Family name → type. */
  types: Map<string, string>;
  /** Comment lines that are neither HELP nor TYPE (text format only). */
  comments: string[];
  /** Every sample with its labels, unescaped, in order. */
  rows: Sample[];
}

export interface Sample {
  name: string;
  labels: Map<string, string>;
  value: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** A quoted label value's text and its closing quote; only \\, \" and \n may be escaped. */
const LABEL_VALUE = /((?:[^"\\\n]|\\[\\"n])*)"/y;
/** Go's strconv.ParseFloat spellings Prometheus accepts, as written by exporters. */
const FLOAT = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?Inf|NaN)$/;
const SUFFIXES: Record<string, readonly string[]> = {
  counter: ['_total', ''],
  histogram: ['_bucket', '_sum', '_count', '_created'],
  gauge: [''],
  untyped: [''],
  unknown: [''],
  summary: ['', '_sum', '_count'],
};

export function parseExposition(text: string, format: ExpositionFormat = 'text'): ParsedExposition {
  if (!isWellFormed(text)) throw new Error('exposition holds a lone surrogate (not valid UTF-8)');
  if (!text.endsWith('\n')) throw new Error('exposition must end with a line feed');
  const lines = text.slice(0, -1).split('\n');
  if (format === 'openmetrics') {
    if (lines.pop() !== '# EOF') throw new Error('OpenMetrics exposition must end with "# EOF"');
  }
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  const comments: string[] = [];
  const helped = new Set<string>();
  const seenSamples = new Set<string>();
  const closed = new Set<string>();
  const identities = new Set<string>();
  const rows: Sample[] = [];
  let current: string | undefined;

  lines.forEach((line, i) => {
    const where = `line ${i + 1}: ${JSON.stringify(line.slice(0, 200))}`;
    if (line === '') {
      if (format === 'openmetrics') throw new Error(`${where}: empty line in OpenMetrics`);
      return;
    }
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
      if (m === null) {
        if (format === 'openmetrics') throw new Error(`${where}: OpenMetrics allows no comments`);
        if (!line.startsWith('# ')) throw new Error(`${where}: comment must start with "# "`);
        comments.push(line);
        return;
      }
      const [, kind, name, rest = ''] = m;
      if (!NAME.test(name!)) throw new Error(`${where}: bad metric name`);
      if (kind === 'HELP') {
        if (helped.has(name!)) throw new Error(`${where}: second HELP for ${name}`);
        helped.add(name!);
        unescapeText(rest, where, false);
      } else {
        if (types.has(name!)) throw new Error(`${where}: second TYPE for ${name}`);
        if (seenSamples.has(name!)) throw new Error(`${where}: TYPE after samples of ${name}`);
        if (!(rest in SUFFIXES)) throw new Error(`${where}: unknown type ${rest}`);
        if (current !== undefined) closed.add(current);
        if (closed.has(name!)) throw new Error(`${where}: family ${name} split in two`);
        types.set(name!, rest);
        current = name;
      }
      return;
    }
    const { name, labels, value } = sampleLine(line, where);
    const family = familyOf(name, current, types);
    if (family === undefined) throw new Error(`${where}: sample ${name} outside its family's TYPE block`);
    seenSamples.add(family);
    const sorted = [...labels].sort(([a], [b]) => (a < b ? -1 : 1));
    const identity = JSON.stringify([name, sorted]);
    if (identities.has(identity)) throw new Error(`${where}: duplicate series ${identity}`);
    identities.add(identity);
    samples.set(`${name}{${sorted.map(([k, v]) => `${k}="${v}"`).join(',')}}`, value);
    rows.push({ name, labels, value });
  });
  checkHistograms(rows, types);
  return { samples, types, comments, rows };
}

function sampleLine(line: string, where: string): { name: string; labels: Map<string, string>; value: number } {
  const brace = line.indexOf('{');
  const space = line.indexOf(' ');
  const nameEnd = brace >= 0 && (space < 0 || brace < space) ? brace : space;
  if (nameEnd <= 0) throw new Error(`${where}: no value`);
  const name = line.slice(0, nameEnd);
  if (!NAME.test(name)) throw new Error(`${where}: bad metric name`);
  const labels = new Map<string, string>();
  let i = nameEnd;
  if (line[i] === '{') {
    i++;
    while (line[i] !== '}') {
      const eq = line.indexOf('=', i);
      if (eq < 0) throw new Error(`${where}: label without "="`);
      const labelName = line.slice(i, eq);
      if (!LABEL_NAME.test(labelName)) throw new Error(`${where}: bad label name ${JSON.stringify(labelName)}`);
      if (labels.has(labelName)) throw new Error(`${where}: label ${labelName} twice`);
      if (line[eq + 1] !== '"') throw new Error(`${where}: label value must be quoted`);
      LABEL_VALUE.lastIndex = eq + 2;
      const value = LABEL_VALUE.exec(line);
      if (value === null) throw new Error(`${where}: unterminated label value or unknown escape`);
      const raw = value[1]!;
      const j = eq + 2 + raw.length;
      labels.set(labelName, raw.includes('\\') ? unescapeText(raw, where, true) : raw);
      i = j + 1;
      if (line[i] === ',') i++;
      else if (line[i] !== '}') throw new Error(`${where}: expected "," or "}" after a label`);
    }
    i++;
    if (line[i] !== ' ') throw new Error(`${where}: expected one space before the value`);
  }
  const rest = line.slice(i + 1).split(' ');
  if (rest.length > 2 || !FLOAT.test(rest[0]!)) throw new Error(`${where}: value is not a float`);
  if (rest.length === 2 && !/^-?\d+(?:\.\d+)?$/.test(rest[1]!)) throw new Error(`${where}: bad timestamp`);
  const v = rest[0]!;
  return { name, labels, value: v.endsWith('Inf') ? (v.startsWith('-') ? -Infinity : Infinity) : Number(v) };
}

function unescapeText(raw: string, where: string, quotes: boolean): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\n') throw new Error(`${where}: raw line feed`);
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = raw[++i];
    if (next === '\\') out += '\\';
    else if (next === 'n') out += '\n';
    else if (next === '"' && quotes) out += '"';
    else throw new Error(`${where}: unknown escape \\${next}`);
  }
  return out;
}

function familyOf(sample: string, current: string | undefined, types: Map<string, string>): string | undefined {
  if (current === undefined) return undefined;
  const type = types.get(current)!;
  for (const suffix of SUFFIXES[type]!) if (sample === current + suffix) return current;
  return undefined;
}

/** For every histogram series: cumulative buckets, a +Inf bucket equal to _count, a float _sum. */
function checkHistograms(rows: Sample[], types: Map<string, string>): void {
  for (const [family, type] of types) {
    if (type !== 'histogram') continue;
    const series = new Map<string, { buckets: { le: number; v: number }[]; sum?: number; count?: number }>();
    const get = (labels: Map<string, string>) => {
      const id = JSON.stringify([...labels].filter(([k]) => k !== 'le').sort(([a], [b]) => (a < b ? -1 : 1)));
      let s = series.get(id);
      if (s === undefined) {
        s = { buckets: [] };
        series.set(id, s);
      }
      return s;
    };
    for (const row of rows) {
      if (row.name === `${family}_bucket`) {
        const le = row.labels.get('le');
        if (le === undefined || !FLOAT.test(le)) throw new Error(`${family}: bucket without a float le`);
        get(row.labels).buckets.push({ le: le === '+Inf' ? Infinity : Number(le), v: row.value });
      } else if (row.name === `${family}_sum`) get(row.labels).sum = row.value;
      else if (row.name === `${family}_count`) get(row.labels).count = row.value;
    }
    for (const [id, s] of series) {
      s.buckets.sort((a, b) => a.le - b.le);
      for (let i = 1; i < s.buckets.length; i++) {
        if (s.buckets[i]!.v < s.buckets[i - 1]!.v) throw new Error(`${family}${id}: buckets not cumulative`);
      }
      const inf = s.buckets[s.buckets.length - 1];
      if (inf?.le !== Infinity) throw new Error(`${family}${id}: no +Inf bucket`);
      if (s.count !== inf.v) throw new Error(`${family}${id}: +Inf bucket ${inf.v} != _count ${s.count}`);
      if (s.sum === undefined || Number.isNaN(s.sum)) throw new Error(`${family}${id}: _sum missing or NaN`);
    }
  }
}

function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff) return false;
    const next = s.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
    i++;
  }
  return true;
}
