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

/** Uptime as a percentage with as many decimals as it takes to not round 99.96 % up to 100 %. */
export function formatUptime(ratio: number, lang: Language): string {
  const percent = ratio * 100;
  const digits = percent >= 99.99 && percent < 100 ? 3 : percent >= 99 ? 2 : 1;
  // Truncate rather than round: 99.9996 % must not read "100 %" while minutes were lost.
  const factor = 10 ** digits;
  const shown = Math.floor(percent * factor) / factor;
  return `${new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(shown)}%`;
}

/** Uptime colours: green only at or above three nines, as partners read availability targets. */
export function uptimeColor(ratio: number | undefined): string {
  if (ratio === undefined) return 'lightgrey';
  if (ratio >= 0.999) return 'brightgreen';
  if (ratio >= 0.99) return 'green';
  if (ratio >= 0.95) return 'yellow';
  return 'red';
}

export function renderUptimeBadge(options: {
  label: string;
  ratio: number | undefined;
  lang: Language;
  style: BadgeStyle;
}): string {
  return makeBadge({
    label: options.label,
    message:
      options.ratio === undefined ? MESSAGES[options.lang].states.unknown : formatUptime(options.ratio, options.lang),
    color: uptimeColor(options.ratio),
    style: options.style,
  });
}
