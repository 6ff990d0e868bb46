import type { Language } from '../i18n/messages.js';
import type { Translations } from './Component.js';

/**
 * A component's or provider's text in `language`: its translation when the configuration gives
 * one, else the text in the page's language (which the configuration always has).
 */
export function translate(text: string, translations: Translations | undefined, language: Language): string {
  return translations?.[language] ?? text;
}
