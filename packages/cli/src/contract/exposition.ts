import { CliError } from '../errors.js';

/** One sample line of an exposition. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
  line: number;
}

/** A metric family: its `# TYPE` (if any) and its samples. */
export interface Family {
  name: string;
  type?: string;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
/** Sample suffixes that belong to a family of another name (https://prometheus.io/docs/instrumenting/exposition_formats/). */
const SUFFIXES = ['_bucket', '_count', '_sum', '_total', '_created', '_info'];

/**
 * Parses the Prometheus text format 0.0.4 and OpenMetrics 1.0 far enough to check names, types and
 * labels: samples are grouped under the `# TYPE` family they belong to (a histogram's `_bucket`,
 * `_sum`, `_count`; an OpenMetrics counter's `_total`). A malformed line throws, naming it.
 */
export function parseExposition(text: string): Family[] {
  const families = new Map<string, Family>();
  const typed = new Map<string, string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trimEnd();
    if (raw === '' || raw === '# EOF') continue;
    if (raw.startsWith('#')) {
      const m = /^#\s+TYPE\s+(\S+)\s+(\S+)/.exec(raw);
      if (m) {
        typed.set(m[1]!, m[2]!);
        if (!families.has(m[1]!)) families.set(m[1]!, { name: m[1]!, type: m[2]!, samples: [] });
        else families.get(m[1]!)!.type = m[2]!;
      }
      continue;
    }
    const sample = parseSample(raw, i + 1);
    const family = familyOf(sample.name, typed);
    const entry = families.get(family) ?? { name: family, samples: [] };
    families.set(family, entry);
    entry.samples.push(sample);
  }
  return [...families.values()];
}

function familyOf(name: string, typed: Map<string, string>): string {
  if (typed.has(name)) return name;
  for (const suffix of SUFFIXES) {
    if (name.endsWith(suffix) && typed.has(name.slice(0, -suffix.length))) return name.slice(0, -suffix.length);
  }
  return name;
}

function parseSample(raw: string, line: number): Sample {
  const bad = (why: string) =>
    new CliError(
      'HARTSLAG_ERR_CLI_EXPOSITION',
      `line ${line} of the exposition is not a Prometheus sample (${why}): ${raw.slice(0, 120)} — the endpoint must serve the Prometheus text format or OpenMetrics`,
    );
  const name = NAME.exec(raw)?.[0];
  if (name === undefined) throw bad('no metric name');
  let rest = raw.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = rest.slice(1);
    for (;;) {
      rest = rest.trimStart();
      if (rest.startsWith('}')) {
        rest = rest.slice(1);
        break;
      }
      const label = LABEL_NAME.exec(rest)?.[0];
      if (label === undefined || rest[label.length] !== '=' || rest[label.length + 1] !== '"')
        throw bad('a label is not name="value"');
      rest = rest.slice(label.length + 2);
      let value = '';
      let j = 0;
      for (; j < rest.length && rest[j] !== '"'; j++) {
        if (rest[j] === '\\') {
          j++;
          value += rest[j] === 'n' ? '\n' : rest[j];
        } else value += rest[j];
      }
      if (j >= rest.length) throw bad('an unterminated label value');
      labels[label] = value;
      rest = rest.slice(j + 1).trimStart();
      if (rest.startsWith(',')) rest = rest.slice(1);
    }
  }
  const value = rest.trim().split(/\s+/)[0];
  if (value === undefined || value === '') throw bad('no value');
  const number =
    value === '+Inf' ? Number.POSITIVE_INFINITY : value === '-Inf' ? Number.NEGATIVE_INFINITY : Number(value);
  if (Number.isNaN(number) && value !== 'NaN') throw bad(`value "${value}" is not a number`);
  return { name, labels, value: number, line };
}
