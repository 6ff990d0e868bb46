import type {} from 'fastify';
import { DEFAULT_LANGUAGE, isLanguage, type Language, negotiateLanguage } from './messages.js';

/**
 * `?lang=` when valid, else the Accept-Language header's best match, else the page's language.
 */
export function languageOf(
  query: { lang?: string },
  header: string | undefined,
  fallback: Language = DEFAULT_LANGUAGE,
): Language {
  return isLanguage(query.lang) ? query.lang : negotiateLanguage(header, fallback);
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The page's own language: for visitors whose browser asks for none of ours. */
    pageLanguage: Language;
  }
}
