import { isValidBsn } from './bsn.js';
import { digitRunEnd, isDigitAt, isFractionAt } from './chars.js';
import { isValidInsz } from './insz.js';

export type NationalIdKind = 'bsn' | 'insz';

interface Layout {
  kind: NationalIdKind;
  groups: readonly number[];
}

/**
 * Digit-group lengths people write the numbers in: bare; a BSN as 4-2-3 or 3-3-3; an INSZ as on the
 * Belgian eID card (YY.MM.DD-SSS.CC) or as birth date, serial and check.
 */
const LAYOUTS: readonly Layout[] = [
  { kind: 'bsn', groups: [9] },
  { kind: 'bsn', groups: [4, 2, 3] },
  { kind: 'bsn', groups: [3, 3, 3] },
  { kind: 'insz', groups: [11] },
  { kind: 'insz', groups: [2, 2, 2, 3, 2] },
  { kind: 'insz', groups: [6, 3, 2] },
  { kind: 'insz', groups: [6, 5] },
];

const VALIDATORS: Record<NationalIdKind, (digits: string) => boolean> = { bsn: isValidBsn, insz: isValidInsz };

/**
 * A BSN or INSZ anywhere in the value, bare or grouped. Only whole digit runs count, so a BSN is never
 * read out of a longer number. Expects UUIDs and hex ids masked (see maskOpaqueIds).
 */
export function findNationalId(s: string): NationalIdKind | undefined {
  // Digit runs as [start, end) pairs, split into sequences of runs joined by one space, dot or hyphen.
  let sequence: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (!isDigitAt(s, i)) continue;
    const end = digitRunEnd(s, i);
    const previousEnd = sequence.length > 0 ? sequence[sequence.length - 1] : -2;
    if (previousEnd !== i - 1 || !isGroupSeparator(s.charCodeAt(previousEnd))) {
      const kind = matchSequence(s, sequence);
      if (kind !== undefined) return kind;
      sequence = [];
    }
    sequence.push(i, end);
    i = end - 1;
  }
  return matchSequence(s, sequence);
}

function isGroupSeparator(c: number): boolean {
  return c === 32 || c === 46 || c === 45;
}

function matchSequence(s: string, runs: readonly number[]): NationalIdKind | undefined {
  const count = runs.length / 2;
  if (count === 0 || isIpv4(s, runs)) return undefined;
  for (let first = 0; first < count; first++) {
    for (const layout of LAYOUTS) {
      if (!fits(runs, first, layout.groups)) continue;
      // Bare numbers only: in "1234.56.782" the later groups follow a dot by design.
      if (layout.groups.length === 1 && isFractionAt(s, runs[2 * first])) continue;
      let digits = '';
      for (let g = 0; g < layout.groups.length; g++) {
        digits += s.slice(runs[2 * (first + g)], runs[2 * (first + g) + 1]);
      }
      if (VALIDATORS[layout.kind](digits)) return layout.kind;
    }
  }
  return undefined;
}

function fits(runs: readonly number[], first: number, groups: readonly number[]): boolean {
  if (first + groups.length > runs.length / 2) return false;
  for (let g = 0; g < groups.length; g++) {
    const r = 2 * (first + g);
    if (runs[r + 1] - runs[r] !== groups[g]) return false;
  }
  return true;
}

/** Dotted IPv4 addresses ("192.168.100.200") hold 3-3-3 groups; an instance label must not read as a BSN. */
function isIpv4(s: string, runs: readonly number[]): boolean {
  if (runs.length !== 8) return false;
  for (let r = 0; r < 8; r += 2) {
    if (r > 0 && s.charCodeAt(runs[r] - 1) !== 46) return false;
    const length = runs[r + 1] - runs[r];
    if (length > 3 || Number(s.slice(runs[r], runs[r + 1])) > 255) return false;
  }
  return true;
}
