import { formatDuration } from '../model/duration.js';
import type { Slo } from '../model/Slo.js';

/** What an alert is about, in words: "medication-history / fetch-medication-history". */
export function subject(slo: Slo): string {
  return slo.displayName ?? (slo.operation ? `${slo.service} / ${slo.operation}` : slo.service);
}

/** Durations in plain words, English and Dutch: 600 → "10 minutes" / "10 minuten". */
export function words(seconds: number, lang: 'en' | 'nl'): string {
  const units: [number, string, string, string, string][] = [
    [86_400, 'day', 'days', 'dag', 'dagen'],
    [3600, 'hour', 'hours', 'uur', 'uur'],
    [60, 'minute', 'minutes', 'minuut', 'minuten'],
    [1, 'second', 'seconds', 'seconde', 'seconden'],
  ];
  for (const [size, en1, en, nl1, nl] of units) {
    if (seconds % size === 0) {
      const n = seconds / size;
      return lang === 'en' ? `${n} ${n === 1 ? en1 : en}` : `${n} ${n === 1 ? nl1 : nl}`;
    }
  }
  return formatDuration(seconds);
}

/** Decimal comma for Dutch text: 14.4 → "14,4". */
export function nlNumber(x: number): string {
  return String(Number(x.toPrecision(6))).replace('.', ',');
}

export function percent(x: number): string {
  return `${Number((x * 100).toPrecision(6))}%`;
}
