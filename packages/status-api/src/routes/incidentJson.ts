import { DEFAULT_LANGUAGE, type Language } from '../i18n/messages.js';
import type { Incident, Maintenance, Texts } from '../incidents/model.js';

/** The text in `lang`, else the default language, else any language that is set. */
export function pick(texts: Texts, lang: Language): string {
  return texts[lang] ?? texts[DEFAULT_LANGUAGE] ?? Object.values(texts).find((t) => t !== undefined) ?? '';
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/**
 * An incident as Statuspage's API spells one (name, status, impact, incident_updates …), with
 * the text in the asked language and every language under `*_i18n` for tools that edit them.
 */
export function incidentJson(i: Incident, lang: Language) {
  return {
    id: i.id,
    name: pick(i.title, lang),
    name_i18n: i.title,
    status: i.status,
    impact: i.impact,
    components: i.components,
    created_at: iso(i.createdAt),
    updated_at: iso(i.updatedAt),
    resolved_at: iso(i.resolvedAt),
    incident_updates: i.updates
      .slice()
      .reverse()
      .map((u) => ({ id: u.id, status: u.status, body: pick(u.body, lang), body_i18n: u.body, created_at: iso(u.at) })),
  };
}

export function maintenanceJson(m: Maintenance, lang: Language, now: number) {
  return {
    id: m.id,
    name: pick(m.title, lang),
    name_i18n: m.title,
    body: pick(m.body, lang),
    body_i18n: m.body,
    components: m.components,
    status: m.cancelled ? 'cancelled' : now < m.startsAt ? 'scheduled' : now < m.endsAt ? 'in_progress' : 'completed',
    scheduled_for: iso(m.startsAt),
    scheduled_until: iso(m.endsAt),
    created_at: iso(m.createdAt),
    updated_at: iso(m.updatedAt),
  };
}
