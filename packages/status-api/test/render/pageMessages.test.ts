import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/i18n/messages.js';
import { LANGUAGE_NAMES, PAGE_MESSAGES } from '../../src/i18n/pageMessages.js';

/** Every leaf of a message tree as `path → text`. */
function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('page messages', () => {
  const reference = leaves(PAGE_MESSAGES.nl);

  it.each(LANGUAGES.filter((l) => l !== 'nl'))('%s has exactly the keys Dutch has', (lang) => {
    expect([...leaves(PAGE_MESSAGES[lang]).keys()].sort()).toEqual([...reference.keys()].sort());
  });

  it.each(LANGUAGES)('%s fills the same parameters as Dutch in every message, and leaves none empty', (lang) => {
    for (const [key, text] of leaves(PAGE_MESSAGES[lang])) {
      expect(text.trim(), `${lang} ${key}`).not.toBe('');
      expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(reference.get(key)!));
    }
  });

  it('says in every language that the provider fails and our services work', () => {
    expect(PAGE_MESSAGES.en.notes.provider_failing).toBe('Calls to {provider} are failing; our services work.');
    expect(PAGE_MESSAGES.en.notes.on_backup).toMatch(/^Running on the backup provider \(\{backup\}\)/);
    for (const lang of LANGUAGES) expect(PAGE_MESSAGES[lang].notes.provider_failing).toContain('{provider}');
  });

  it('names every language in itself for the switcher', () => {
    expect(Object.keys(LANGUAGE_NAMES).sort()).toEqual([...LANGUAGES].sort());
  });
});
