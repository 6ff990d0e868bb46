import { DURATION_UNITS, didYouMean, parseDuration } from '@hartslag/common';
import type { YamlPositions } from '@hartslag/common/yaml';
import { type Document, isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ConfigProblem } from './ConfigError.js';

const UNIT_NAMES = DURATION_UNITS.map(([unit]) => unit).join(', ');

/** A value as the YAML tree holds it: a node, `null` for a key without a value, undefined when absent. */
export type YamlValue = Node | null | undefined;

/** The value node of each key a mapping has. */
export type Fields = Map<string, YamlValue>;

/**
 * Reads typed values out of a YAML tree and notes every problem with its field path and position,
 * instead of stopping at the first: one run of the validator lists all that needs fixing.
 */
export class YamlReader {
  readonly problems: ConfigProblem[] = [];

  constructor(
    private readonly doc: Document.Parsed,
    private readonly positions: YamlPositions,
  ) {}

  report(path: string, at: YamlValue, message: string): void {
    this.problems.push({ path, ...this.positions.of(at), message });
  }

  /**
   * A mapping's fields. Keys outside `allowed` are problems (a typo must not pass as an unused key),
   * with a "did you mean"; `misplaced` may explain a key that is valid elsewhere.
   */
  mapping(
    value: YamlValue,
    path: string,
    allowed: readonly string[],
    required: readonly string[] = [],
    misplaced?: (key: string) => string | undefined,
  ): Fields | undefined {
    const node = this.resolve(value);
    if (!isMap(node)) {
      this.report(path, value, `must be a mapping (key: value), got ${describe(node)}`);
      return undefined;
    }
    const fields: Fields = new Map();
    for (const pair of node.items) {
      const key = pair.key as YamlValue;
      const name = isScalar(key) ? String(key.value) : undefined;
      if (name === undefined) {
        this.report(path, key, 'keys must be plain names');
        continue;
      }
      const keyPath = join(path, name);
      if (!allowed.includes(name)) {
        this.report(keyPath, key, misplaced?.(name) ?? `unknown key${didYouMean(name, allowed)}`);
        continue;
      }
      fields.set(name, pair.value as YamlValue);
    }
    for (const name of required) {
      if (!fields.has(name)) this.report(join(path, name), value, 'is required');
    }
    return fields;
  }

  /** Every key and value node of a mapping whose keys are data (e.g. header names). */
  entries(value: YamlValue, path: string): Array<[string, Node | null, YamlValue]> | undefined {
    const node = this.resolve(value);
    if (!isMap(node)) {
      this.report(path, value, `must be a mapping (key: value), got ${describe(node)}`);
      return undefined;
    }
    const out: Array<[string, Node | null, YamlValue]> = [];
    for (const pair of node.items) {
      const key = pair.key as YamlValue;
      if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
        this.report(path, key, 'keys must be plain names');
        continue;
      }
      out.push([String(key.value), key, pair.value as YamlValue]);
    }
    return out;
  }

  list(value: YamlValue, path: string): YamlValue[] | undefined {
    const node = this.resolve(value);
    if (!isSeq(node)) {
      this.report(path, value, `must be a list, got ${describe(node)}`);
      return undefined;
    }
    return node.items as YamlValue[];
  }

  /** A non-empty string. YAML reads `port: 8080` as a number and `name: 2024` too: those get a hint to quote. */
  string(value: YamlValue, path: string): string | undefined {
    const node = this.resolve(value);
    if (isScalar(node) && typeof node.value === 'string') {
      if (node.value.trim() === '') {
        this.report(path, value, 'must not be empty');
        return undefined;
      }
      return node.value;
    }
    const hint = isScalar(node) && node.value !== null ? '; put it in quotes to use it as text' : '';
    this.report(path, value, `must be text, got ${describe(node)}${hint}`);
    return undefined;
  }

  integer(value: YamlValue, path: string, min: number, max: number): number | undefined {
    const node = this.resolve(value);
    const n = isScalar(node) ? node.value : undefined;
    if (typeof n !== 'number' || !Number.isInteger(n)) {
      this.report(path, value, `must be a whole number from ${min} to ${max}, got ${describe(node)}`);
      return undefined;
    }
    if (n < min || n > max) {
      this.report(path, value, `must be from ${min} to ${max}, got ${n}`);
      return undefined;
    }
    return n;
  }

  /** A positive duration in ms, written as Prometheus does: 15s, 1m30s, 500ms. */
  duration(value: YamlValue, path: string): number | undefined {
    const node = this.resolve(value);
    const raw = isScalar(node) ? node.value : undefined;
    if (typeof raw === 'number') {
      this.report(path, value, `must be a duration with a unit, like ${raw}s or ${raw}ms, got the number ${raw}`);
      return undefined;
    }
    const ms = typeof raw === 'string' ? parseDuration(raw.trim()) : undefined;
    if (ms === undefined) {
      this.report(
        path,
        value,
        `must be a duration like 15s, 1m30s or 500ms (units ${UNIT_NAMES}), got ${describe(node)}`,
      );
      return undefined;
    }
    if (ms <= 0) {
      this.report(path, value, 'must be longer than 0');
      return undefined;
    }
    return ms;
  }

  /** Whether a key was given a value (an empty `key:` counts as not given, for optional fields). */
  has(fields: Fields, key: string): boolean {
    const v = this.resolve(fields.get(key));
    return v !== null && !(isScalar(v) && v.value === null);
  }

  /** The node an alias points to; null for an absent value. */
  resolve(value: YamlValue): Node | null {
    if (value === undefined || value === null) return null;
    if (isAlias(value)) return (value.resolve(this.doc) as Node | undefined) ?? null;
    return value;
  }
}

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** How a value reads in a message: "the number 15", "a list", "nothing". */
export function describe(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'nothing';
    if (typeof v === 'string') return `"${v.length > 60 ? `${v.slice(0, 60)}…` : v}"`;
    if (typeof v === 'number') return `the number ${v}`;
    return String(v);
  }
  return 'an unsupported value';
}
