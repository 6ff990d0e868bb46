import { describe, expect, it } from 'vitest';
import { isValidInsz } from '../../src/guard/insz.js';
import { changeOneDigit, generateInszs, passesMod97, seededRandom } from './generators.js';

describe('isValidInsz', () => {
  it('accepts a number of someone born before 2000', () => {
    // 850730033 mod 97 = 69, and 97 - 69 = 28.
    expect(isValidInsz('85073003328')).toBe(true);
  });

  it('accepts a number of someone born in 2000 or later, whose check covers a leading 2', () => {
    expect(isValidInsz('00010100105')).toBe(true);
    expect(isValidInsz('17123199894')).toBe(true);
  });

  it('accepts BIS numbers, whose month is raised by 20 or 40', () => {
    expect(isValidInsz('85473003317')).toBe(true);
    expect(isValidInsz('05253000187')).toBe(true);
  });

  it('accepts an unknown birth date written as month 00', () => {
    expect(isValidInsz('85000003306')).toBe(true);
  });

  it('rejects a wrong check', () => {
    expect(isValidInsz('85073003329')).toBe(false);
    expect(isValidInsz('85073003327')).toBe(false);
  });

  it('rejects months and days no birth date or BIS number has', () => {
    // Check digits are right for each of these; only the date part is impossible.
    expect(isValidInsz('851530033' + '84')).toBe(false);
    expect(isValidInsz('856030033' + '11')).toBe(false);
    expect(isValidInsz('850732033' + '65')).toBe(false);
  });

  it('rejects serial 000, which is never issued', () => {
    expect(isValidInsz('00000000097')).toBe(false);
  });

  it('rejects values that are not exactly eleven digits', () => {
    for (const value of ['', '8507300332', '850730033280', '85.07.30-033.28', '8507300332a']) {
      expect(isValidInsz(value)).toBe(false);
    }
  });

  it('accepts hundreds of generated numbers and rejects them once a digit change breaks the check', () => {
    const random = seededRandom(97);
    let rejected = 0;
    for (const { digits } of generateInszs(random, 500)) {
      expect(isValidInsz(digits)).toBe(true);
      const changed = changeOneDigit(random, digits);
      // A change can, rarely, land on the other century's check: such numbers are valid after all.
      if (passesMod97(changed)) continue;
      expect(isValidInsz(changed)).toBe(false);
      rejected++;
    }
    expect(rejected).toBeGreaterThan(450);
  });
});
