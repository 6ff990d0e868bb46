/**
 * The one place a value from a caller becomes label text. Values crossing the public API are
 * `unknown` at run time: nothing here calls a caller's toString, valueOf or getter, so a hostile
 * value can neither throw nor smuggle text (a BSN from an object's toString) into a label.
 */

/**
 * Stands for a property whose getter threw: passed along in place of the value so the label it
 * was meant for is counted with reason "input" and recorded as `__invalid__`.
 */
export const UNREADABLE: unique symbol = Symbol('hartslag.unreadable');

/** Reads one property once; a throwing getter or Proxy trap gives UNREADABLE. */
export function readProperty(record: object, key: string): unknown {
  try {
    return (record as Record<string, unknown>)[key];
  } catch {
    return UNREADABLE;
  }
}

/**
 * Strings as they are; finite numbers, bigints and booleans as their decimal text; anything else
 * (Symbols, objects, functions, null, NaN, ±Infinity) is undefined: it cannot be a label value.
 */
export function labelText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? String(value) : undefined;
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return undefined;
  }
}

/** Longest label value exported verbatim, in UTF-16 code units. */
export const MAX_LABEL_VALUE_LENGTH = 128;

/** "…" and 11 letters of hash: 26^11 > 2^53, so the whole hash fits. */
const HASH_LETTERS = 11;
const KEEP = MAX_LABEL_VALUE_LENGTH - 1 - HASH_LETTERS;

/**
 * Well-formed and bounded: lone surrogates (which no UTF-8 exposition can carry) become U+FFFD;
 * a value longer than MAX_LABEL_VALUE_LENGTH keeps its first code points and ends in "…" and a
 * hash of the whole value, so two long ids sharing a prefix stay two series. The hash is written
 * in letters only, so it can never read as a phone number or e-mail address to the PII guard.
 */
export function normalizeLabel(value: string): string {
  const v = wellFormed(value);
  if (v.length <= MAX_LABEL_VALUE_LENGTH) return v;
  let keep = KEEP;
  const last = v.charCodeAt(keep - 1);
  // Never end on the first half of a surrogate pair.
  if (last >= 0xd800 && last <= 0xdbff) keep--;
  return `${v.slice(0, keep)}…${hashLetters(v)}`;
}

/** ES2024, in Node ≥ 20 (not yet in our TypeScript lib): far faster than a loop over char codes. */
interface WellFormedString {
  isWellFormed?(): boolean;
  toWellFormed?(): string;
}

/** The value with every lone surrogate replaced by U+FFFD (String.prototype.toWellFormed). */
export function wellFormed(value: string): string {
  const s = value as WellFormedString;
  if (s.isWellFormed !== undefined && s.toWellFormed !== undefined) {
    return s.isWellFormed() ? value : s.toWellFormed();
  }
  let out: string | undefined;
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    out = `${out ?? ''}${value.slice(from, i)}\ufffd`;
    from = i + 1;
  }
  return out === undefined ? value : out + value.slice(from);
}

/** cyrb53 (a public-domain 53-bit string hash) as 11 lower-case letters. */
function hashLetters(value: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  let n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  let out = '';
  for (let i = 0; i < HASH_LETTERS; i++) {
    out += String.fromCharCode(97 + (n % 26));
    n = Math.floor(n / 26);
  }
  return out;
}

/** What a value is, for error messages: its type only, never its text (it may be patient data). */
export function describeValue(value: unknown): string {
  if (value === UNREADABLE) return 'a property whose getter threw';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return `a string of ${value.length} characters`;
    case 'number':
      return Number.isFinite(value) ? 'a number' : String(value);
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}
