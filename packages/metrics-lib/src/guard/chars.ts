/** Char-code tests, so scanners can walk a string without allocating. */
export function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i); // NaN out of range, which fails both comparisons
  return c >= 48 && c <= 57;
}

export function isAlnumAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** End (exclusive) of the digit run that starts at `start`. */
export function digitRunEnd(s: string, start: number): number {
  let i = start;
  while (isDigitAt(s, i)) i++;
  return i;
}

/**
 * Whether the run starting at `start` follows "<digit>." or "<digit>,": it is the fraction of a number
 * (the nanoseconds in "10:30:00.123456782Z"), not an identifier of its own.
 */
export function isFractionAt(s: string, start: number): boolean {
  const c = s.charCodeAt(start - 1);
  return (c === 46 || c === 44) && isDigitAt(s, start - 2);
}
