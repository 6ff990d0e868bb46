import type { Language } from '../i18n/messages.js';

/** Text given per language; a language left out falls back to the page language's text. */
export type Translations = Partial<Record<Language, string>>;

/** A component of the public status page: what partners see, mapped onto SLOs. */
export interface Component {
  /** URL-safe id, as in /badge/<id>.svg. */
  id: string;
  /** Display name, in the page's language. */
  name: string;
  description?: string;
  /** The SLOs (their `slo` names) whose figures decide the state. */
  slos: string[];
  /**
   * For grouped SLOs (`hartslag.dev/by: vendor`): the one group (a vendor or tenant, or
   * `__other__`) whose figures decide the state, instead of the SLO's worst group.
   */
  group?: string;
  /** Default badge label; `?label=` overrides it. */
  badgeLabel?: string;
  /** The name per language, when the configuration gives it per language (`name` is the page language's). */
  names?: Translations;
  /** The description per language, likewise. */
  descriptions?: Translations;
  /** Ids of the providers (outside parties, e.g. the eHealth platform) this component depends on. */
  providers?: string[];
}
