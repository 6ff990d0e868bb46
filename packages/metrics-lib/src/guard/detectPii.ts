import { containsPhone, looksLikeEmail } from './contact.js';
import { findNationalId } from './nationalIds.js';
import { maskOpaqueIds } from './opaqueIds.js';

export type PiiKind = 'bsn' | 'insz' | 'email' | 'phone';

/** Fewest digits any numeric identifier has: an E.164 number (a BSN has 9, an INSZ 11). */
const MIN_IDENTIFIER_DIGITS = 8;

/**
 * What kind of personal identifier the label value holds, anywhere in it ("/patients/123456782/history"),
 * or undefined. Runs once per new label value; ordinary short values (status codes, operation names,
 * tenant ids) return after one pass over their char codes, before any regex or allocation.
 */
export function detectPii(value: string): PiiKind | undefined {
  let digits = 0;
  let hasAt = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 64) hasAt = true;
  }
  const numeric = digits >= MIN_IDENTIFIER_DIGITS;
  if (!numeric && !hasAt) return undefined;

  const masked = numeric ? maskOpaqueIds(value) : value;
  // Patient identifiers first: they name the most sensitive kind when a value holds several.
  const id = numeric ? findNationalId(masked) : undefined;
  if (id !== undefined) return id;
  if (hasAt && looksLikeEmail(value)) return 'email';
  if (numeric && containsPhone(masked)) return 'phone';
  return undefined;
}
