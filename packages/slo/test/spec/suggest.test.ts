import { describe, expect, it } from 'vitest';
import { suggest } from '../../src/spec/suggest.js';

const SPEC_KEYS = ['description', 'service', 'operation', 'timeWindow', 'objectives', 'maxOutage', 'silence'];

describe('suggest', () => {
  it.each([
    ['sevice', 'service'],
    ['sevrice', 'service'],
    ['timewindow', 'timeWindow'],
    ['MAXOUTAGE', 'maxOutage'],
    ['objective', 'objectives'],
    ['discription', 'description'],
    ['silense', 'silence'],
  ])('Having %s it suggests %s', (typo, meant) => {
    expect(suggest(typo, SPEC_KEYS)).toBe(meant);
  });

  it.each([['paging'], ['alerts'], ['x']])('Having %s it suggests nothing (no key close enough)', (typo) => {
    expect(suggest(typo, SPEC_KEYS)).toBeUndefined();
  });

  it('does not turn a two-letter name into another by two edits', () => {
    expect(suggest('op', ['ok', 'id'])).toBe('ok');
    expect(suggest('op', ['id'])).toBeUndefined();
  });
});
