/**
 * Belgian national register number (rijksregisternummer, INSZ/NISS), and BIS numbers, which share
 * its layout: YYMMDD + 3-digit serial + 2-digit check, where check = 97 - (first 9 digits mod 97)
 * for people born before 2000, and 97 - (('2' + first 9 digits) mod 97) for 2000 or later.
 * The birth year is not in the number, so either century variant is accepted.
 */
export function isValidInsz(digits: string): boolean {
  if (digits.length !== 11) return false;
  for (let i = 0; i < 11; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  // Loose date plausibility only, to keep random 11-digit ids out: month 00 and day 00 stand for an
  // unknown birth date, and BIS numbers add 20 or 40 to the month.
  const month = Number(digits.slice(2, 4)) % 20;
  const monthBlock = Number(digits.slice(2, 4)) - month;
  const day = Number(digits.slice(4, 6));
  if (monthBlock > 40 || month > 12 || day > 31) return false;
  // Serial 000 is never issued; rejecting it keeps zero-padded ids such as 00000000097 out.
  if (digits.slice(6, 9) === '000') return false;
  const base = Number(digits.slice(0, 9));
  const check = Number(digits.slice(9, 11));
  // mod 97 check; the 2000+ variant prefixes a '2', i.e. adds 2 000 000 000 (still exact in a double).
  return 97 - (base % 97) === check || 97 - ((2_000_000_000 + base) % 97) === check;
}
