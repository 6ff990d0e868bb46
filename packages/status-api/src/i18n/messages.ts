import type { State } from '../state/State.js';

/** Languages of the public page and badge: the platform's users are Dutch, French, German or English speakers. */
export const LANGUAGES = ['nl', 'fr', 'en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nl';

export interface Messages {
  states: Record<State, string>;
  /** Default badge label when a component sets none. */
  status: string;
  /** The update text of an incident resolved without one. */
  incidentResolved: string;
}

export const MESSAGES: Record<Language, Messages> = {
  nl: {
    incidentResolved: 'Dit incident is opgelost.',
    status: 'status',
    states: {
      operational: 'werkt',
      degraded: 'verstoord',
      partial_outage: 'gedeeltelijke storing',
      major_outage: 'storing',
      maintenance: 'onderhoud',
      unknown: 'onbekend',
    },
  },
  fr: {
    incidentResolved: 'Cet incident est résolu.',
    status: 'statut',
    states: {
      operational: 'opérationnel',
      degraded: 'dégradé',
      partial_outage: 'panne partielle',
      major_outage: 'panne',
      maintenance: 'maintenance',
      unknown: 'inconnu',
    },
  },
  en: {
    incidentResolved: 'This incident has been resolved.',
    status: 'status',
    states: {
      operational: 'operational',
      degraded: 'degraded',
      partial_outage: 'partial outage',
      major_outage: 'major outage',
      maintenance: 'maintenance',
      unknown: 'unknown',
    },
  },
  de: {
    incidentResolved: 'Diese Störung ist behoben.',
    status: 'Status',
    states: {
      operational: 'in Betrieb',
      degraded: 'beeinträchtigt',
      partial_outage: 'teilweise gestört',
      major_outage: 'Störung',
      maintenance: 'Wartung',
      unknown: 'unbekannt',
    },
  },
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The best language for an `Accept-Language` header (RFC 9110 §12.5.4: quality values, language
 * ranges such as `nl-BE` matching `nl`), or the default.
 */
export function negotiateLanguage(header: string | undefined, fallback: Language = DEFAULT_LANGUAGE): Language {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [range, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { lang: (range ?? '').trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.q > 0 && Number.isFinite(r.q))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((r) => r.lang).find(isLanguage) ?? fallback;
}
