import { isMap } from 'yaml';
import { LANGUAGES, type Language } from '../i18n/messages.js';
import type { Translations } from './Component.js';
import { join, type YamlReader, type YamlValue } from './YamlReader.js';

/** A text given once (in the page language) or per language: `{ nl: …, fr: …, en: …, de: … }`. */
export interface Text {
  text: string;
  translations?: Translations;
}

/**
 * Reads a text that may be translated. Per language, the page language must be among them: it is
 * what the other languages fall back to.
 */
export function readText(r: YamlReader, value: YamlValue, path: string, language: Language): Text | undefined {
  if (!isMap(r.resolve(value))) {
    const text = r.string(value, path);
    return text === undefined ? undefined : { text };
  }
  const fields = r.mapping(value, path, LANGUAGES);
  if (fields === undefined) return undefined;
  const translations: Translations = {};
  for (const lang of LANGUAGES) {
    if (!fields.has(lang)) continue;
    const text = r.string(fields.get(lang), join(path, lang));
    if (text !== undefined) translations[lang] = text;
  }
  const text = translations[language];
  if (text === undefined) {
    if (!fields.has(language)) {
      r.report(path, value, `must include ${language}, the page language, which the other languages fall back to`);
    }
    return undefined;
  }
  return { text, translations };
}
