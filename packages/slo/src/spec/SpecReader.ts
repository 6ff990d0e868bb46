import { type Document, isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { SpecProblemCode, SpecWarningCode } from '../errors.js';
import { formatDuration, parseDuration } from '../model/duration.js';
import type { Problems } from './Problems.js';
import { suggest } from './suggest.js';

type Node = Document.Parsed['contents'];

/** A value in a spec document with what messages need: its path and its line. */
export interface Field {
  /** `spec.objectives[0].target`; empty for the document itself. */
  path: string;
  /** The line of the key (`target: 99.9`), or of the item for list items. */
  line: number;
  /** The value, aliases resolved; a null scalar or null when nothing follows the key. */
  node: Node;
}

/**
 * The keys a map accepts. `unsupported` keys are OpenSLO's but refused here: the text says why.
 * `ignored` keys are OpenSLO's and read past with a warning that says what is lost.
 */
export interface Shape {
  keys: readonly string[];
  unsupported?: Readonly<Record<string, string>>;
  ignored?: Readonly<Record<string, string>>;
  /** The code of a refusal for an `unsupported` key (default: HARTSLAG_ERR_SPEC_INVALID). */
  unsupportedCode?: SpecProblemCode;
}

export interface DurationRange {
  min: number;
  max: number;
  /** Windows are whole days: the budget and its burn factors are per day. */
  wholeDays?: boolean;
}

/**
 * Typed access to one YAML document that reports, rather than throws, whatever does not fit, so
 * that a single run lists every problem. Each reader returns undefined after reporting.
 */
export class SpecReader {
  #failures = 0;

  /** `top`: the object this reader reads, when it is an item of a list-form file rather than the document. */
  constructor(
    private readonly problems: Problems,
    private readonly doc: Document.Parsed,
    private readonly top?: Field,
  ) {}

  /** Whether anything in this object was reported. */
  get failed(): boolean {
    return this.#failures > 0;
  }

  root(): Field {
    if (this.top !== undefined) return this.top;
    const node = this.doc.contents;
    return { path: '', line: this.lineOf(node, 1), node: this.resolve(node) };
  }

  /** A reader for another object of the same document, with failures of its own. */
  at(top: Field): SpecReader {
    return new SpecReader(this.problems, this.doc, top);
  }

  fail(field: Field, message: string, code?: SpecProblemCode): undefined {
    this.#failures++;
    this.problems.add(field.line, field.path, message, code);
    return undefined;
  }

  warn(field: Field, message: string, code: SpecWarningCode = 'HARTSLAG_WARN_SPEC_IGNORED'): void {
    this.problems.warn(field.line, field.path, message, code);
  }

  /** A value made from text in the spec (an annotation's parts), reported at `at`'s line. */
  synthetic(at: Field, path: string, value: unknown): Field {
    return { path, line: at.line, node: this.doc.createNode(value) as Node };
  }

  /**
   * The entries of a map by key. With a shape, reports keys it does not know, naming the one
   * probably meant; without, takes any key (label names).
   */
  map(field: Field, shape: Shape | undefined, what = 'a map'): Map<string, Field> | undefined {
    const node = field.node;
    if (!isMap(node)) return this.typeError(field, what);
    const entries = new Map<string, Field>();
    for (const pair of node.items) {
      const keyNode = pair.key as Node;
      const line = this.lineOf(keyNode, field.line);
      if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        this.fail({ ...field, line }, 'has a key that is not a name');
        continue;
      }
      const key = String(keyNode.value);
      const child: Field = { path: join(field.path, key), line, node: this.resolve(pair.value as Node) };
      const ignored = shape?.ignored?.[key];
      if (ignored !== undefined) {
        this.warn(child, ignored);
        continue;
      }
      if (shape !== undefined && !shape.keys.includes(key)) {
        const code = shape.unsupported?.[key] === undefined ? undefined : shape.unsupportedCode;
        this.fail(child, unknownKey(key, shape), code);
        continue;
      }
      entries.set(key, child);
    }
    return entries;
  }

  /** The entry `key` of a map read with `map`; reports it missing, at the map's own line. */
  need(entries: Map<string, Field>, key: string, parent: Field): Field | undefined {
    const field = entries.get(key);
    if (field === undefined) this.fail({ ...parent, path: join(parent.path, key) }, 'is required');
    return field;
  }

  list(field: Field): Field[] | undefined {
    const node = field.node;
    if (!isSeq(node)) return this.typeError(field, 'a list');
    return node.items.map((item, i) => ({
      path: `${field.path}[${i}]`,
      line: this.lineOf(item as Node, field.line),
      node: this.resolve(item as Node),
    }));
  }

  /** The only item of a list that must hold exactly one (OpenSLO allows more; Hartslag does not). */
  single(field: Field, noun: string, hint = ''): Field | undefined {
    const items = this.list(field);
    if (items === undefined) return undefined;
    if (items.length !== 1) {
      return this.fail(
        field,
        `must hold exactly one ${noun}, got ${items.length === 0 ? 'none' : items.length}${hint}`,
      );
    }
    return items[0];
  }

  /** A non-empty string. */
  string(field: Field): string | undefined {
    const value = scalar(field.node);
    if (typeof value !== 'string') {
      const quote = typeof value === 'number' || typeof value === 'boolean' ? ` (quote it: '${value}')` : '';
      return this.typeError(field, 'a string', quote);
    }
    if (value.trim() === '') return this.fail(field, 'must not be empty');
    return value;
  }

  number(field: Field): number | undefined {
    const value = scalar(field.node);
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
      return this.typeError(field, 'a number', ' (drop the quotes)');
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.typeError(field, 'a number');
    return value;
  }

  boolean(field: Field): boolean | undefined {
    const value = scalar(field.node);
    if (typeof value !== 'boolean') return this.typeError(field, 'true or false');
    return value;
  }

  /** One of a few words; a near miss names the word probably meant. */
  oneOf<T extends string>(field: Field, allowed: readonly T[]): T | undefined {
    const value = this.string(field);
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    const meant = suggest(value, allowed);
    return this.fail(
      field,
      `must be one of ${allowed.join(', ')}, got ${show(field.node)}${meant ? `; did you mean ${meant}?` : ''}`,
    );
  }

  /** Seconds in a Prometheus duration (`30d`, `1h30m`), within `range` if given. */
  duration(field: Field, range?: DurationRange): number | undefined {
    const value = scalar(field.node);
    if (typeof value !== 'string') {
      const hint = typeof value === 'number' ? ' (add a unit: s, m, h or d)' : '';
      return this.typeError(field, 'a duration such as 10m or 30d', hint);
    }
    const seconds = parseDuration(value);
    if (seconds === undefined) {
      return this.fail(
        field,
        `must be a duration such as 10m or 30d (units: ms, s, m, h, d, w, y), got ${show(field.node)}`,
      );
    }
    if (range === undefined) return seconds;
    if (range.wholeDays && seconds % 86_400 !== 0)
      return this.fail(field, `must be whole days, got ${show(field.node)}`);
    if (seconds < range.min || seconds > range.max) {
      return this.fail(
        field,
        `must be between ${formatDuration(range.min)} and ${formatDuration(range.max)}, got ${show(field.node)}`,
      );
    }
    return seconds;
  }

  typeError(field: Field, what: string, hint = ''): undefined {
    const subject = field.path === '' ? 'the document ' : '';
    return this.fail(field, `${subject}must be ${what}, got ${kindOf(field.node)}${hint}`);
  }

  private lineOf(node: Node | undefined, fallback: number): number {
    const start = node?.range?.[0];
    return start === undefined ? fallback : this.problems.lineAt(start);
  }

  private resolve(node: Node): Node {
    // An alias stands for its anchor's value; messages keep the line where the alias is used.
    return isAlias(node) ? ((node.resolve(this.doc) as Node | undefined) ?? null) : node;
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function unknownKey(key: string, shape: Shape): string {
  const reason = shape.unsupported?.[key];
  if (reason !== undefined) return reason;
  const meant = suggest(key, shape.keys);
  return meant !== undefined
    ? `is not a known field; did you mean ${meant}?`
    : `is not a known field (known here: ${shape.keys.join(', ')})`;
}

function scalar(node: Node): unknown {
  return isScalar(node) ? node.value : node;
}

/** A value as a message shows it: strings quoted, so `"0.999"` reads as text and 0.999 as a number. */
export function show(node: Node): string {
  const value = scalar(node);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return kindOf(node);
}

/** What a value is, for "must be a number, got the string "99.9%"". */
export function kindOf(node: Node): string {
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  const value = scalar(node);
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return `a value of type ${typeof value}`;
}
