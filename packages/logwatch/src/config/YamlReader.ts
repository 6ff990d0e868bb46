import { suggest } from '@hartslag/slo';
import { type Document, isMap, isScalar, isSeq, type LineCounter } from 'yaml';
import type { ConfigProblem } from '../errors.js';

type Node = Document.Parsed['contents'];

/** A value in the config with what messages need: its path and its line. */
export interface Field {
  path: string;
  line: number;
  node: Node;
}

/**
 * Typed access to the config document that reports, rather than throws, what does not fit, so one
 * run lists every problem. Each reader returns undefined after reporting.
 */
export class YamlReader {
  readonly problems: ConfigProblem[] = [];

  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  fail(field: Field, message: string): undefined {
    this.problems.push({ file: this.file, line: field.line, path: field.path, message });
    return undefined;
  }

  lineAt(offset: number): number {
    return this.lines.linePos(offset).line;
  }

  root(doc: Document.Parsed): Field {
    return { path: '', line: this.lineOf(doc.contents, 1), node: doc.contents };
  }

  /** A map's entries; keys outside `keys` are reported with the one probably meant. */
  map(field: Field, keys: readonly string[] | undefined): Map<string, Field> | undefined {
    if (!isMap(field.node)) return this.fail(field, `must be a map${got(field.node)}`);
    const out = new Map<string, Field>();
    for (const pair of field.node.items) {
      const key = pair.key as Node;
      const line = this.lineOf(key, field.line);
      if (!isScalar(key) || key.value === null || typeof key.value === 'object') {
        this.fail({ ...field, line }, 'has a key that is not a name');
        continue;
      }
      const name = String(key.value);
      const child: Field = { path: join(field.path, name), line, node: pair.value as Node };
      if (keys !== undefined && !keys.includes(name)) {
        const near = suggest(name, keys);
        this.fail(child, `is not a field here${near ? `; did you mean "${near}"?` : ''} (known: ${keys.join(', ')})`);
        continue;
      }
      out.set(name, child);
    }
    return out;
  }

  need(entries: Map<string, Field>, key: string, parent: Field): Field | undefined {
    const f = entries.get(key);
    if (f === undefined) this.fail({ ...parent, path: join(parent.path, key) }, 'is required');
    return f;
  }

  list(field: Field): Field[] | undefined {
    if (!isSeq(field.node)) return this.fail(field, `must be a list${got(field.node)}`);
    return field.node.items.map((item, i) => ({
      path: `${field.path}[${i}]`,
      line: this.lineOf(item as Node, field.line),
      node: item as Node,
    }));
  }

  string(field: Field): string | undefined {
    const v = isScalar(field.node) ? field.node.value : undefined;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (typeof v !== 'string') return this.fail(field, `must be a string${got(field.node)}`);
    if (v.trim() === '') return this.fail(field, 'must not be empty');
    return v;
  }

  number(field: Field): number | undefined {
    const v = isScalar(field.node) ? field.node.value : undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.fail(field, `must be a number${got(field.node)}`);
    return v;
  }

  /** One of `allowed`, naming the closest when it is not. */
  oneOf<T extends string>(field: Field, allowed: readonly T[]): T | undefined {
    const v = this.string(field);
    if (v === undefined) return undefined;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    const near = suggest(v, allowed);
    return this.fail(
      field,
      `must be one of ${allowed.join(', ')}, got "${v}"${near ? `; did you mean "${near}"?` : ''}`,
    );
  }

  private lineOf(node: Node | undefined, fallback: number): number {
    const start = (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
    return start === undefined ? fallback : this.lineAt(start);
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function got(node: Node): string {
  if (node === null || node === undefined) return ', got nothing';
  if (isMap(node)) return ', got a map';
  if (isSeq(node)) return ', got a list';
  if (isScalar(node)) return `, got ${JSON.stringify(node.value)}`;
  return '';
}
