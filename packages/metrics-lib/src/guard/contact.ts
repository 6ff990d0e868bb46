import { digitRunEnd, isAlnumAt, isDigitAt, isFractionAt } from './chars.js';
import { maskOpaqueIds } from './opaqueIds.js';

/**
 * Domain after an '@': dot-separated labels ending in an alphabetic TLD. Labels cannot contain dots,
 * so every split point is fixed and the match is linear. Package specs such as "prom-client@15.1.3"
 * end in digits and do not match.
 */
const EMAIL_DOMAIN = /[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![a-z0-9])/iy;

/** Characters of an address's local part; one of them right before the '@' is enough evidence. */
const LOCAL_PART_CHAR = /[a-z0-9._%+-]/i;

/** An e-mail address anywhere in the value. */
export function looksLikeEmail(value: string): boolean {
  for (let at = value.indexOf('@'); at !== -1; at = value.indexOf('@', at + 1)) {
    if (at === 0 || !LOCAL_PART_CHAR.test(value.charAt(at - 1))) continue;
    EMAIL_DOMAIN.lastIndex = at + 1;
    if (EMAIL_DOMAIN.test(value)) return true;
  }
  return false;
}

/** A Dutch, Belgian or international (E.164) phone number anywhere in the value. */
export function looksLikePhone(value: string): boolean {
  return containsPhone(maskOpaqueIds(value));
}

// E.164 numbers have at most 15 digits after the '+'; fewer than 8 are service codes, not subscribers.
const E164_MIN_DIGITS = 8;
const E164_MAX_DIGITS = 15;
// With a 00 prefix, fewer digits are more likely a zero-padded id than a phone number.
const DOUBLE_ZERO_MIN_DIGITS = 9;

/**
 * Like looksLikePhone, for a value whose UUIDs and hex ids are already masked (see maskOpaqueIds).
 * Each candidate start is scanned over at most 15 digits, so the whole scan is linear.
 */
export function containsPhone(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === 43 /* + */) {
      // A '+' glued to a word or number is arithmetic or semver build metadata ("1.0.0+20241124").
      if (isDigitAt(s, i + 1) && !isAlnumAt(s, i - 1) && internationalAt(s, i + 1, E164_MIN_DIGITS)) return true;
      continue;
    }
    if (!isDigitAt(s, i)) continue;
    const end = digitRunEnd(s, i);
    if (!isFractionAt(s, i) && s.charCodeAt(i) === 48 /* 0 */ && s.charCodeAt(i - 1) !== 43) {
      if (s.charCodeAt(i + 1) === 48) {
        if (isNonZeroDigitAt(s, i + 2) && internationalAt(s, i + 2, DOUBLE_ZERO_MIN_DIGITS)) return true;
      } else if (isNonZeroDigitAt(s, i + 1) && nationalAt(s, i, end)) {
        return true;
      }
    }
    i = end - 1;
  }
  return false;
}

function isNonZeroDigitAt(s: string, i: number): boolean {
  return isDigitAt(s, i) && s.charCodeAt(i) !== 48;
}

/** Space, dot, hyphen and parentheses: "+1 (415) 555-2671", "+31 (0)6 1234 5678". */
function isInternationalSeparatorAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 32 || c === 46 || c === 45 || c === 40 || c === 41;
}

/** Digit groups from `start` (after '+' or '00') reach between `min` and 15 digits. */
function internationalAt(s: string, start: number, min: number): boolean {
  let count = 0;
  let i = start;
  for (;;) {
    const end = digitRunEnd(s, i);
    count += end - i;
    if (count > E164_MAX_DIGITS) return false;
    if (count >= min) return true;
    // Up to two separators between groups, as in ") " or " (".
    let next = end;
    while (next - end < 2 && isInternationalSeparatorAt(s, next)) next++;
    if (next === end || !isDigitAt(s, next)) return false;
    i = next;
  }
}

/**
 * National numbers with trunk prefix 0: Dutch numbers have 10 digits ("06-12345678", "020 123 4567"),
 * Belgian ones 9 (landline, "02 123 45 67") or 10 (mobile, "0470 12 34 56"). Written either unbroken
 * or as an area code of 2–4 digits followed by groups of at least 2 digits.
 */
function nationalAt(s: string, start: number, end: number): boolean {
  const first = end - start;
  if (first === 9 || first === 10) return true;
  if (first < 2 || first > 4) return false;
  const lengths = [first];
  let count = first;
  let i = end;
  while (lengths.length < 5) {
    const next = nationalGroupStart(s, i, lengths.length === 1);
    if (next === -1) return false;
    i = digitRunEnd(s, next);
    const length = i - next;
    if (length < 2) return false;
    lengths.push(length);
    count += length;
    if (count > 10) return false;
    // dd-mm-yyyy followed by a time ("01-12-2024 10:30") also adds up to 10 digits.
    if (count >= 9) return !(lengths[0] === 2 && lengths[1] === 2 && lengths[2] === 4);
  }
  return false;
}

/**
 * Where the next group starts after a group ending at `i`, or -1. One space, dot or hyphen; after the
 * area code also a slash ("0470/12.34.56", a Belgian habit) or a closing parenthesis ("(020) 123 4567").
 */
function nationalGroupStart(s: string, i: number, afterAreaCode: boolean): number {
  const c = s.charCodeAt(i);
  if (c === 32 || c === 46 || c === 45) return isDigitAt(s, i + 1) ? i + 1 : -1;
  if (!afterAreaCode) return -1;
  if (c === 47 /* / */) return isDigitAt(s, i + 1) ? i + 1 : -1;
  if (c === 41 /* ) */) {
    if (isDigitAt(s, i + 1)) return i + 1;
    return s.charCodeAt(i + 1) === 32 && isDigitAt(s, i + 2) ? i + 2 : -1;
  }
  return -1;
}
