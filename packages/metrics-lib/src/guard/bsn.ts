/**
 * Dutch citizen service number (burgerservicenummer, BSN): 9 digits passing the elfproef
 * (11-check) from the Wet algemene bepalingen burgerservicenummer / Logius BSN specification:
 *   9*d1 + 8*d2 + 7*d3 + 6*d4 + 5*d5 + 4*d6 + 3*d7 + 2*d8 - 1*d9 ≡ 0 (mod 11), not all zeros.
 * The last weight is -1 (not +1 as in the bank-account 11-check): that is what makes it a BSN check.
 */
export function isValidBsn(digits: string): boolean {
  if (digits.length !== 9) return false;
  let sum = 0;
  let allZero = true;
  for (let i = 0; i < 9; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (d !== 0) allZero = false;
    sum += i === 8 ? -d : (9 - i) * d;
  }
  return !allZero && sum % 11 === 0;
}
