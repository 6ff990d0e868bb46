import { describe, expect, it } from 'vitest';
import { isValidBsn } from '../../src/guard/bsn.js';
import { changeOneDigit, generateBsns, passesElfproef, seededRandom } from './generators.js';

describe('isValidBsn', () => {
  it('accepts the well-known elfproef examples 111222333 and 123456782', () => {
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456782')).toBe(true);
  });

  it('rejects nine digits that fail the elfproef', () => {
    expect(isValidBsn('123456789')).toBe(false);
    expect(isValidBsn('111222334')).toBe(false);
  });

  it('rejects all zeros even though their weighted sum is 0 mod 11', () => {
    expect(isValidBsn('000000000')).toBe(false);
  });

  it('uses -1 as the last weight, so a number passing the bank-account 11-check is no BSN', () => {
    // Weights 9..2 on 12345678 sum to 156. 156 - 2 = 154 = 14 * 11 makes 123456782 a BSN;
    // 156 + 9 = 165 = 15 * 11 makes 123456789 pass the bank variant (last weight +1) only.
    expect(isValidBsn('123456782')).toBe(true);
    expect(isValidBsn('123456789')).toBe(false);
  });

  it('rejects values that are not exactly nine digits', () => {
    for (const value of ['', '12345678', '1234567820', '12345678a', '1234 5678', '-23456782', '１２３４５６７８２']) {
      expect(isValidBsn(value)).toBe(false);
    }
  });

  it('accepts hundreds of generated numbers and rejects each of them with one digit changed', () => {
    const random = seededRandom(11);
    for (const bsn of generateBsns(random, 500)) {
      expect(isValidBsn(bsn)).toBe(true);
      const changed = changeOneDigit(random, bsn);
      expect(passesElfproef(changed)).toBe(false);
      expect(isValidBsn(changed)).toBe(false);
    }
  });
});
