import type { State } from '../state/State.js';

/**
 * Colours of the page and the widget. The state colours are darker shades of the badge's
 * (`colors.ts`), chosen for at least 4.5:1 against both backgrounds (WCAG 2.2 §1.4.3), because
 * the state word itself is drawn in them; a test checks every pair.
 */
export const STATE_HEX: Record<State, string> = {
  operational: '#1a7f37',
  degraded: '#8a5c00',
  partial_outage: '#b04500',
  major_outage: '#c4162a',
  maintenance: '#0a5fc2',
  unknown: '#59636e',
};

export const PAGE_COLORS = {
  text: '#1f2328',
  muted: '#59636e',
  link: '#0550ae',
  background: '#ffffff',
  /** Banners, code blocks. */
  panel: '#f6f8fa',
  border: '#d1d9e0',
} as const;

/** `.s-<state>{--c:<colour>}` for every state: an element with the class draws its dot and word in it. */
export function stateColorCss(): string {
  return Object.entries(STATE_HEX)
    .map(([state, hex]) => `.s-${state}{--c:${hex}}`)
    .join('');
}
