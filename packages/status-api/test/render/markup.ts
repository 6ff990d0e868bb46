import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

/** An element of a parsed document, with its attributes decoded. */
export interface El {
  tag: string;
  attrs: Record<string, string>;
  children: (El | string)[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: true,
  htmlEntities: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

type Raw = Record<string, unknown> & { ':@'?: Record<string, string> };

function convert(raw: Raw[]): (El | string)[] {
  const out: (El | string)[] = [];
  for (const node of raw) {
    for (const [key, value] of Object.entries(node)) {
      if (key === ':@') continue;
      if (key === '#text') out.push(String(value));
      else if (!key.startsWith('?') && !key.startsWith('!')) {
        out.push({ tag: key, attrs: node[':@'] ?? {}, children: convert(value as Raw[]) });
      }
    }
  }
  return out;
}

/**
 * Parses our HTML (written well-formed, so an XML parser reads it) after checking it is
 * well-formed: structure is asserted on a tree, not on regular expressions.
 */
export function parseMarkup(markup: string): El {
  const valid = XMLValidator.validate(markup);
  expect(valid, JSON.stringify(valid)).toBe(true);
  const root = convert(parser.parse(markup) as Raw[]).find((n): n is El => typeof n !== 'string');
  if (root === undefined) throw new Error('no root element');
  return root;
}

/** Every element below `el` (itself included) in document order that matches. */
export function all(el: El, match: string | ((e: El) => boolean)): El[] {
  const test = typeof match === 'string' ? (e: El) => e.tag === match : match;
  const out: El[] = [];
  const walk = (e: El) => {
    if (test(e)) out.push(e);
    for (const c of e.children) if (typeof c !== 'string') walk(c);
  };
  walk(el);
  return out;
}

export function one(el: El, match: string | ((e: El) => boolean)): El {
  const found = all(el, match);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The text content, as a browser would give it (whitespace as written). */
export function text(el: El | string): string {
  return typeof el === 'string' ? el : el.children.map(text).join('');
}

export const byId = (id: string) => (e: El) => e.attrs.id === id;

/**
 * A start tag with an `on…=` attribute. Quoted values are skipped whole, so an escaped
 * `onmouseover=` inside a title does not count. (A stray unescaped quote may slip past this
 * expression, but not past `parseMarkup`: the document would no longer be well-formed.)
 */
export const EVENT_HANDLER_ATTRIBUTE =
  /<[a-z][a-z0-9]*(?:\s+[a-z:-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*\s+on[a-z]+\s*=/i;
