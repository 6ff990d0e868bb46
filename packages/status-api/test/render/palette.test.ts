import { describe, expect, it } from 'vitest';
import { PAGE_COLORS, STATE_HEX, stateColorCss } from '../../src/render/palette.js';
import { STATES } from '../../src/state/State.js';

/** WCAG 2.2 relative luminance of an sRGB colour `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2.2 contrast ratio, 1 … 21. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('page colours', () => {
  it('computes contrast the way WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  const backgrounds = { background: PAGE_COLORS.background, panel: PAGE_COLORS.panel };

  it.each(Object.entries(backgrounds))('draw every state word readably on the %s (≥ 4.5:1)', (_, bg) => {
    for (const state of STATES) expect(contrast(STATE_HEX[state], bg), state).toBeGreaterThanOrEqual(4.5);
  });

  it.each(Object.entries(backgrounds))('draw text, muted text and links readably on the %s', (_, bg) => {
    for (const name of ['text', 'muted', 'link'] as const) {
      expect(contrast(PAGE_COLORS[name], bg), name).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('gives every state a colour class', () => {
    for (const state of STATES) expect(stateColorCss()).toContain(`.s-${state}{--c:${STATE_HEX[state]}}`);
  });
});
