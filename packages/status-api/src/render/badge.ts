import { makeBadge } from 'badge-maker';
import { type Language, MESSAGES } from '../i18n/messages.js';
import type { State } from '../state/State.js';
import { STATE_COLORS } from './colors.js';

export const BADGE_STYLES = ['flat', 'flat-square', 'for-the-badge'] as const;
export type BadgeStyle = (typeof BADGE_STYLES)[number];

/**
 * The health badge, drawn by shields.io's own badge-maker: the same look partners know, text
 * widths measured for Verdana, and the label and message escaped into the SVG.
 */
export function renderBadge(options: { label: string; state: State; lang: Language; style: BadgeStyle }): string {
  return makeBadge({
    label: options.label,
    message: MESSAGES[options.lang].states[options.state],
    color: STATE_COLORS[options.state],
    style: options.style,
  });
}

/** The shields.io endpoint-badge JSON (https://shields.io/badges/endpoint-badge), schemaVersion 1. */
export function shieldsEndpoint(options: { label: string; state: State; lang: Language }) {
  return {
    schemaVersion: 1,
    label: options.label,
    message: MESSAGES[options.lang].states[options.state],
    color: STATE_COLORS[options.state],
    // The state, not the colour, tells partners' scripts what happened.
    isError: options.state === 'major_outage' || options.state === 'partial_outage' || options.state === 'unknown',
  };
}
