import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../i18n/messages.js';
import { escapeHtml, type Interpolation, SafeHtml } from './escape.js';
import type { Localized, UptimeWindow } from './view.js';

export interface PickedText {
  text: string;
  /** The language the text is in: differs from the page's when it fell back. */
  lang: Language;
}

/**
 * The text in the reader's language, else Dutch (the default), else any language that is set: a
 * Dutch-only incident still shows on the French page, marked as Dutch.
 */
export function pickText(value: Localized, lang: Language): PickedText {
  if (typeof value === 'string') return { text: value, lang };
  for (const candidate of [lang, DEFAULT_LANGUAGE, ...LANGUAGES]) {
    const text = value[candidate];
    if (text !== undefined && text.trim() !== '') return { text, lang: candidate };
  }
  return { text: '', lang };
}

/** Whether Intl knows the IANA time zone: for configuration to check at start-up. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const DATE_FORMATS = {
  /** 4 maart 2026 om 14:05 CET */
  dateTime: {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  },
  /** woensdag 4 maart 2026 */
  day: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  /** 14:05, under a heading that names the day */
  time: { hour: 'numeric', minute: '2-digit' },
  /** 4 mrt 14:05 */
  short: { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' },
  /** 2026-03-04 in the page's zone, for `<time datetime>` of a day */
  key: { year: 'numeric', month: '2-digit', day: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
export type DateFormat = keyof typeof DATE_FORMATS;

// Building a DateTimeFormat costs far more than using one; a page formats dozens of times.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: DateFormat, lang: Language, timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${lang}|${timeZone}`;
  let f = formatters.get(key);
  if (f === undefined) {
    // Rendering never throws: a time zone that slipped past configuration shows UTC.
    const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
    f = new Intl.DateTimeFormat(kind === 'key' ? 'en' : lang, { ...DATE_FORMATS[kind], timeZone: zone });
    if (formatters.size > 200) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

function safeMs(ms: number): number {
  return Number.isFinite(ms) ? ms : 0;
}

export function formatDate(ms: number, kind: Exclude<DateFormat, 'key'>, lang: Language, timeZone: string): string {
  return formatter(kind, lang, timeZone).format(safeMs(ms));
}

/** The calendar day in the page's zone, `YYYY-MM-DD`: groups the history and fills `<time datetime>`. */
export function dayKey(ms: number, timeZone: string): string {
  const parts = formatter('key', 'en', timeZone).formatToParts(safeMs(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** RFC 3339 in UTC: `<time datetime>`, Atom dates. */
export function isoInstant(ms: number): string {
  return new Date(safeMs(ms)).toISOString();
}

const percentFormats = new Map<string, Intl.NumberFormat>();
function percentFormat(lang: Language, digits: number): Intl.NumberFormat {
  const key = `${lang}|${digits}`;
  let f = percentFormats.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
    percentFormats.set(key, f);
  }
  return f;
}

/**
 * Uptime with two decimals in the reader's locale (99,95 % in Dutch). Rounded down: 99.996 %
 * shows as 99,99 %, never as 100 % — only a window without a failed minute reads 100 %.
 */
export function formatUptime(ratio: number, lang: Language): string {
  if (ratio >= 1) return percentFormat(lang, 0).format(1);
  const floored = Math.floor(Math.max(0, ratio) * 10_000 + 1e-9) / 10_000;
  return percentFormat(lang, 2).format(floored);
}

/** How much of a window was measured, in whole percent, rounded down. */
export function formatCoverage(coverage: number, lang: Language): string {
  return percentFormat(lang, 0).format(Math.floor(Math.min(1, Math.max(0, coverage)) * 100 + 1e-9) / 100);
}

const WINDOW_UNITS: Record<UptimeWindow, { value: number; unit: 'hour' | 'day' }> = {
  '24h': { value: 24, unit: 'hour' },
  '7d': { value: 7, unit: 'day' },
  '30d': { value: 30, unit: 'day' },
  '90d': { value: 90, unit: 'day' },
};

/** `7 dagen`, `7 jours`, `7 days`, `7 Tage`. */
export function formatWindow(window: UptimeWindow, lang: Language): string {
  const { value, unit } = WINDOW_UNITS[window];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** `a, b en c` with the items as markup: the list words come from Intl, the items stay escaped. */
export function formatListHtml(items: SafeHtml[], lang: Language): SafeHtml {
  const parts = new Intl.ListFormat(lang, { type: 'conjunction' }).formatToParts(items.map((_, i) => String(i)));
  return new SafeHtml(
    parts.map((p) => (p.type === 'element' ? items[Number(p.value)]!.value : escapeHtml(p.value))).join(''),
  );
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** A message with its `{params}` filled in, as plain text (feed titles, `<title>`, `alt`); the caller escapes it. */
export function fillText(template: string, params: Record<string, string | number>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** A message with its `{params}` filled in as markup: the message is escaped, params are escaped unless safe. */
export function fillHtml(template: string, params: Record<string, Interpolation>): SafeHtml {
  let out = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    out += escapeHtml(template.slice(last, match.index));
    const value = params[match[1]!];
    out += value === undefined ? escapeHtml(match[0]) : toHtml(value);
    last = match.index! + match[0].length;
  }
  return new SafeHtml(out + escapeHtml(template.slice(last)));
}

function toHtml(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === false || value === undefined) return '';
  if (Array.isArray(value)) return value.map(toHtml).join('');
  return escapeHtml(String(value));
}
