import { didYouMean } from '@hartslag/common';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from '../i18n/messages.js';
import type { PageConfig } from './StatusConfig.js';
import type { YamlReader, YamlValue } from './YamlReader.js';

export function readPage(r: YamlReader, value: YamlValue): PageConfig | undefined {
  const f = r.mapping(value, 'page', ['name', 'url', 'timeZone', 'language'], ['name', 'timeZone']);
  if (f === undefined) return undefined;
  const name = f.has('name') ? r.string(f.get('name'), 'page.name') : undefined;
  const url = r.has(f, 'url') ? readHttpUrl(r, f.get('url'), 'page.url') : undefined;
  const timeZone = f.has('timeZone') ? readTimeZone(r, f.get('timeZone'), 'page.timeZone') : undefined;
  let language: Language | undefined = DEFAULT_LANGUAGE;
  if (r.has(f, 'language')) {
    const raw = r.string(f.get('language'), 'page.language');
    language = isLanguage(raw) ? raw : undefined;
    if (raw !== undefined && language === undefined) {
      r.report(
        'page.language',
        f.get('language'),
        `must be one of ${LANGUAGES.join(', ')}${didYouMean(raw, LANGUAGES)}`,
      );
    }
  }
  if (name === undefined || timeZone === undefined || language === undefined) return undefined;
  return { name, ...(url === undefined ? {} : { url }), timeZone, language };
}

/** The page language, even when the page section has problems: texts elsewhere are checked against it. */
export function pageLanguage(page: PageConfig | undefined): Language {
  return page?.language ?? DEFAULT_LANGUAGE;
}

/** An absolute http(s) URL without credentials (fetch refuses those; headers carry them instead). */
export function readHttpUrl(r: YamlReader, value: YamlValue, path: string): string | undefined {
  const raw = r.string(value, path);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    r.report(path, value, `must be an absolute http(s) URL, e.g. "http://127.0.0.1:9090", got "${raw}"`);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    r.report(path, value, `must be an http or https URL, got ${url.protocol.slice(0, -1)}`);
    return undefined;
  }
  if (url.username !== '' || url.password !== '') {
    r.report(
      path,
      value,
      `must not hold a user name or password; send them in headers (e.g. Authorization: \${TOKEN})`,
    );
    return undefined;
  }
  return raw;
}

// An IANA zone name: Intl also takes offsets like "+01:00", which do not follow daylight saving.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

function readTimeZone(r: YamlReader, value: YamlValue, path: string): string | undefined {
  const raw = r.string(value, path);
  if (raw === undefined) return undefined;
  const zone = canonicalTimeZone(raw);
  if (zone === undefined) {
    r.report(
      path,
      value,
      `must be an IANA time zone such as "Europe/Amsterdam" or "Europe/Brussels"` +
        didYouMean(raw, Intl.supportedValuesOf('timeZone')),
    );
  }
  return zone;
}

/** The canonical spelling of an IANA zone name this Node.js knows, or undefined. */
export function canonicalTimeZone(name: string): string | undefined {
  if (!ZONE_NAME.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
