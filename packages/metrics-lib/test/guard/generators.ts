/**
 * Seeded test-data generators: valid BSNs and INSZs computed from the rules themselves, so the tests
 * cover thousands of real-format numbers without one real person's number in the repository.
 * The check computations here are written independently of src/guard on purpose.
 */

export type Random = () => number;

/** mulberry32: tiny, fast, and deterministic for a given seed. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function randomDigits(random: Random, count: number): string {
  let digits = '';
  for (let i = 0; i < count; i++) digits += String(randomInt(random, 0, 9));
  return digits;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Elfproef: weights 9..2 on the first eight digits, -1 on the ninth; the sum must be 0 mod 11. */
export function passesElfproef(nine: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(nine[i]);
  sum -= Number(nine[8]);
  return /^\d{9}$/.test(nine) && !/^0+$/.test(nine) && ((sum % 11) + 11) % 11 === 0;
}

/** Random 8 digits, then the ninth that satisfies the elfproef; skipped when it would have to be 10. */
export function generateBsns(random: Random, count: number): string[] {
  const bsns: string[] = [];
  while (bsns.length < count) {
    const first8 = randomDigits(random, 8);
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(first8[i]);
    const last = sum % 11;
    if (last === 10 || first8 === '00000000') continue;
    bsns.push(first8 + String(last));
  }
  return bsns;
}

/** mod 97 check digits; people born in 2000 or later get a '2' in front of the first nine digits. */
export function inszCheckDigits(first9: string, bornFrom2000: boolean): string {
  const base = BigInt((bornFrom2000 ? '2' : '') + first9);
  return pad(97 - Number(base % 97n), 2);
}

export function passesMod97(eleven: string): boolean {
  const check = eleven.slice(9);
  return inszCheckDigits(eleven.slice(0, 9), false) === check || inszCheckDigits(eleven.slice(0, 9), true) === check;
}

export interface GeneratedInsz {
  digits: string;
  bornFrom2000: boolean;
}

/**
 * Plausible birth dates and serials; some BIS numbers (month + 20 or + 40) and unknown birth dates
 * (month or day 00) mixed in.
 */
export function generateInszs(random: Random, count: number): GeneratedInsz[] {
  const numbers: GeneratedInsz[] = [];
  for (let n = 0; n < count; n++) {
    const bornFrom2000 = random() < 0.4;
    const year = bornFrom2000 ? randomInt(random, 0, 24) : randomInt(random, 20, 99);
    let month = randomInt(random, 1, 12);
    let day = randomInt(random, 1, 28);
    const variant = random();
    if (variant < 0.1) month += 20;
    else if (variant < 0.2) month += 40;
    else if (variant < 0.25) month = 0;
    else if (variant < 0.3) day = 0;
    const first9 = pad(year, 2) + pad(month, 2) + pad(day, 2) + pad(randomInt(random, 1, 997), 3);
    numbers.push({ digits: first9 + inszCheckDigits(first9, bornFrom2000), bornFrom2000 });
  }
  return numbers;
}

/** The same number with one random digit replaced by a different one. */
export function changeOneDigit(random: Random, digits: string): string {
  const at = randomInt(random, 0, digits.length - 1);
  const old = Number(digits[at]);
  const replacement = (old + randomInt(random, 1, 9)) % 10;
  return digits.slice(0, at) + String(replacement) + digits.slice(at + 1);
}

export function randomHex(random: Random, count: number): string {
  let hex = '';
  for (let i = 0; i < count; i++) hex += randomInt(random, 0, 15).toString(16);
  return hex;
}

export function randomUuid(random: Random): string {
  const hex = randomHex(random, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** BSN written 4-2-3 or 3-3-3 with the given separator, as people type it. */
export function groupBsn(bsn: string, layout: '4-2-3' | '3-3-3', separator: string): string {
  const cuts = layout === '4-2-3' ? [4, 6] : [3, 6];
  return [bsn.slice(0, cuts[0]), bsn.slice(cuts[0], cuts[1]), bsn.slice(cuts[1])].join(separator);
}

/** INSZ as printed on the Belgian eID card: YY.MM.DD-SSS.CC. */
export function formatInsz(digits: string): string {
  return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}-${digits.slice(6, 9)}.${digits.slice(9)}`;
}
