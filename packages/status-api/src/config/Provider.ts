import type { Translations } from './Component.js';

/**
 * An outside party a component depends on, judged by the SLOs of our calls to it: when it fails,
 * the page can say so ("the eHealth platform is unavailable") instead of blaming the component.
 */
export interface Provider {
  /** Unique among providers; components list it in `providers`. */
  id: string;
  /** Display name, in the page's language. */
  name: string;
  /** The name per language, when the configuration gives it per language. */
  names?: Translations;
  /** SLOs of our calls to this provider. */
  slos: string[];
  /** A second provider calls fail over to: while it answers, the first one's outage hurts less. */
  backup?: { name: string; names?: Translations; slos: string[] };
}
