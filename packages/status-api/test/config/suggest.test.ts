import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from '../../src/config/suggest.js';

const KEYS = ['kind', 'url', 'refresh', 'staleAfter', 'timeout', 'headers'];

describe('did you mean', () => {
  it('finds a key with one letter missing, doubled, swapped or in the wrong case', () => {
    expect(closest('refesh', KEYS)).toBe('refresh');
    expect(closest('urll', KEYS)).toBe('url');
    expect(closest('haeders', KEYS)).toBe('headers');
    expect(closest('staleafter', KEYS)).toBe('staleAfter');
  });

  it('suggests nothing for a word that is not a slip of any key', () => {
    expect(closest('interval', KEYS)).toBeUndefined();
    expect(closest('x', ['url'])).toBeUndefined();
    // Language codes: "es" is not a slip of "en".
    expect(closest('es', ['nl', 'fr', 'en', 'de'])).toBeUndefined();
    expect(closest('NL', ['nl', 'fr', 'en', 'de'])).toBe('nl');
    expect(didYouMean('interval', KEYS)).toBe('');
  });

  it('phrases a suggestion for a message', () => {
    expect(didYouMean('timout', KEYS)).toBe('; did you mean "timeout"?');
  });
});
