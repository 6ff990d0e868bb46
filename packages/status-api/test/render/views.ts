import type { Language } from '../../src/i18n/messages.js';
import type { Incident, IncidentUpdate, Maintenance, Texts } from '../../src/incidents/model.js';
import type { ComponentView, FeedView, PageView, WidgetView } from '../../src/render/view.js';

/** Wednesday 4 March 2026, 14:05 in Brussels (13:05 UTC). */
export const NOW = Date.UTC(2026, 2, 4, 13, 5);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Text someone might type, paste or configure, meant to break out of every context it lands in. */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  attribute: '" onmouseover="alert(1)" x=\'',
  cdata: ']]><x>',
  /** Right-to-left override, then Arabic: must not reorder what follows it. */
  rtl: '\u202Eمستشفى\u202C',
  emoji: '💊🏥',
  control: 'bell\u0007null\u0000',
} as const;

export const HOSTILE_NAME = `${HOSTILE.script}${HOSTILE.attribute}${HOSTILE.cdata}${HOSTILE.rtl}${HOSTILE.emoji}${HOSTILE.control}`;

export function update(incidentId: number, id: number, at: number, status: IncidentUpdate['status'], body: Texts) {
  return { id, incidentId, at, status, body } satisfies IncidentUpdate;
}

export function incident(id: number, overrides: Partial<Incident> = {}): Incident {
  const createdAt = overrides.createdAt ?? NOW - id * DAY;
  return {
    id,
    title: { nl: `Storing ${id}`, en: `Incident ${id}` },
    status: 'resolved',
    impact: 'minor',
    components: ['medication-history'],
    createdAt,
    updatedAt: createdAt + 2 * HOUR,
    resolvedAt: createdAt + 2 * HOUR,
    updates: [
      update(id, id * 10 + 1, createdAt, 'investigating', { nl: 'We onderzoeken het.', en: 'We are looking into it.' }),
      update(id, id * 10 + 2, createdAt + 2 * HOUR, 'resolved', { nl: 'Opgelost.', en: 'Resolved.' }),
    ],
    ...overrides,
  };
}

export function component(id: string, overrides: Partial<ComponentView> = {}): ComponentView {
  return {
    id,
    name: `Component ${id}`,
    state: 'operational',
    since: NOW - 3 * DAY,
    notes: [],
    uptime: [
      { window: '24h', ratio: 1, coverage: 1 },
      { window: '7d', ratio: 0.9995, coverage: 1 },
      { window: '30d', ratio: 0.99871, coverage: 1 },
      { window: '90d', ratio: 0.9981, coverage: 0.5 },
    ],
    ...overrides,
  };
}

export function maintenance(id: number, overrides: Partial<Maintenance> = {}): Maintenance {
  return {
    id,
    title: { nl: 'Onderhoud databank', en: 'Database maintenance' },
    body: { nl: 'De dienst is even niet bereikbaar.' },
    components: ['medication-history'],
    startsAt: NOW + DAY,
    endsAt: NOW + DAY + 2 * HOUR,
    cancelled: false,
    createdAt: NOW - DAY,
    updatedAt: NOW - DAY,
    ...overrides,
  };
}

export function pageView(overrides: Partial<PageView> = {}): PageView {
  return {
    lang: 'nl',
    page: { name: 'Apotheek Datahub', url: 'https://datahub.example.be' },
    baseUrl: 'https://status.datahub.example.be/',
    timeZone: 'Europe/Brussels',
    generatedAt: NOW,
    overall: 'operational',
    components: [component('medication-history', { name: 'Medicatiehistorie' }), component('prescriptions')],
    activeIncidents: [],
    recentIncidents: [incident(1), incident(3)],
    maintenance: [],
    sourceFresh: true,
    ...overrides,
  };
}

export function widgetView(overrides: Partial<WidgetView> = {}): WidgetView {
  return {
    lang: 'nl',
    page: { name: 'Apotheek Datahub' },
    baseUrl: 'https://status.datahub.example.be',
    timeZone: 'Europe/Brussels',
    generatedAt: NOW,
    component: { id: 'medication-history', name: 'Medicatiehistorie', state: 'operational', since: NOW - DAY },
    sourceFresh: true,
    ...overrides,
  };
}

export function feedView(overrides: Partial<FeedView> = {}): FeedView {
  return {
    lang: 'nl',
    page: { name: 'Apotheek Datahub', url: 'https://datahub.example.be' },
    baseUrl: 'https://status.datahub.example.be',
    timeZone: 'Europe/Brussels',
    generatedAt: NOW,
    incidents: [incident(1), incident(2)],
    components: [{ id: 'medication-history', name: 'Medicatiehistorie' }],
    ...overrides,
  };
}

export const ALL_LANGUAGES: Language[] = ['nl', 'fr', 'en', 'de'];
export { DAY, HOUR, MINUTE };
