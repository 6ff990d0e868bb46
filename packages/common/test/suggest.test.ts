import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../src/index.js';

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

  it('takes the closest, and of equally close ones the first', () => {
    expect(closest('tmeout', ['timeouts', 'timeout'])).toBe('timeout');
    expect(closest('cat', ['bat', 'hat'])).toBe('bat');
  });

  it('keeps to the budget it is given', () => {
    const twoEdits = () => 2;
    expect(closest('op', ['ok'])).toBeUndefined();
    expect(closest('op', ['ok'], twoEdits)).toBe('ok');
    expect(closest('timeout', ['time'], twoEdits)).toBeUndefined();
  });

  it('phrases a suggestion for a message', () => {
    expect(didYouMean('timout', KEYS)).toBe('; did you mean "timeout"?');
  });
});

describe('editDistance', () => {
  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('sevrice', 'service')).toBe(1);
    expect(editDistance('service', 'service')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
