import { toRegExp } from 'oniguruma-to-es';
import { GROK_PATTERN_LINES } from './grokPatterns.js';

/** `%{NAME}`, `%{NAME:field}` or `%{NAME:field:type}` (the type, logstash's int/float, is ignored). */
const REFERENCE = /%\{(\w+)(?::([^:}]+))?(?::\w+)?\}/g;
/** A field must be a JavaScript group name to come back in `groups`. */
const FIELD_NAME = /^[A-Za-z_$][\w$]*$/;

let library: Map<string, string> | undefined;

/** The grok pattern library by name, read once. */
export function grokPatterns(): ReadonlyMap<string, string> {
  if (library === undefined) {
    library = new Map();
    for (const line of GROK_PATTERN_LINES) {
      const m = /^(\w+)\s+(.*)$/.exec(line);
      if (m !== null && !line.startsWith('#')) library.set(m[1]!, m[2]!);
    }
  }
  return library;
}

/** A pattern that cannot be compiled; `unknown` is the pattern name the library lacks, if that is why. */
export class GrokProblem extends Error {
  constructor(
    message: string,
    readonly unknown?: string,
  ) {
    super(message);
  }
}

export interface CompiledGrok {
  regex: RegExp;
  /** The fields the pattern captures, in order: the groups `fields` may read. */
  fields: string[];
}

/**
 * Expands the grok references of `pattern` (recursively, through the library) into one Oniguruma
 * pattern and turns it into a JavaScript RegExp with oniguruma-to-es. A reference with a field
 * becomes a named group, one without a non-capturing group; a field named twice is captured the
 * first time only (JavaScript allows a group name once). Throws GrokProblem.
 */
export function compileGrok(pattern: string): CompiledGrok {
  const patterns = grokPatterns();
  const fields: string[] = [];
  const expand = (text: string, trail: string[]): string =>
    text.replace(REFERENCE, (_all, name: string, field: string | undefined) => {
      const body = patterns.get(name);
      if (body === undefined) throw new GrokProblem(`uses the unknown grok pattern "${name}"`, name);
      if (trail.includes(name)) throw new GrokProblem(`grok pattern ${[...trail, name].join(' → ')} refers to itself`);
      const inner = expand(body, [...trail, name]);
      if (field === undefined || fields.includes(field)) return `(?:${inner})`;
      if (!FIELD_NAME.test(field)) {
        throw new GrokProblem(`field "${field}" of %{${name}:${field}} must be a name of letters, digits and _`);
      }
      fields.push(field);
      return `(?<${field}>${inner})`;
    });
  const expanded = expand(pattern, []);
  // Raw named groups written in the pattern are fields too.
  for (const m of pattern.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)) if (!fields.includes(m[1]!)) fields.push(m[1]!);
  let regex: RegExp;
  try {
    regex = toRegExp(expanded);
  } catch (err) {
    throw new GrokProblem(`is not a valid grok pattern once expanded: ${(err as Error).message}`);
  }
  return { regex, fields };
}
