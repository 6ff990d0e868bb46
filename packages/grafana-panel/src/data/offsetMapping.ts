import type { OverlayId } from '../types.js';
import { parseSeriesTarget } from './overlays.js';

export type SeriesTarget = 'current' | OverlayId;

/**
 * Reads the offset mapping option: pairs of a refId or series name and an overlay id, one per line
 * or comma-separated, joined by `=`, `:`, `->` or `→` (`B=last-week`, `C → 4w`). Pairs it cannot
 * read come back as notes.
 */
export function parseOffsetMapping(text: string): { mapping: Map<string, SeriesTarget>; notes: string[] } {
  const mapping = new Map<string, SeriesTarget>();
  const notes: string[] = [];
  for (const pair of text.split(/[\n,;]/)) {
    if (pair.trim() === '') continue;
    const m = /^(.*?)\s*(?:->|→|=|:)\s*(.*)$/.exec(pair.trim());
    const key = m?.[1]?.trim() ?? '';
    const target = m === null ? null : parseSeriesTarget(m[2]!);
    if (key === '' || target === null) {
      notes.push(
        `Offset mapping "${pair.trim()}" not understood: write refId=overlay, e.g. B=last-week ` +
          `(overlays: current, previous-day, last-week, weeks-<n>, last-month, last-year, custom).`,
      );
      continue;
    }
    mapping.set(key, target);
  }
  return { mapping, notes };
}

/** The target a series is mapped to by refId (exact) or by one of its names (ignoring case). */
export function lookupMapping(
  mapping: ReadonlyMap<string, SeriesTarget>,
  refId: string,
  names: readonly string[],
): SeriesTarget | undefined {
  if (mapping.size === 0) return undefined;
  const byRef = mapping.get(refId);
  if (byRef !== undefined) return byRef;
  const lower = new Set(names.map((n) => n.trim().toLowerCase()));
  for (const [key, target] of mapping) if (lower.has(key.toLowerCase())) return target;
  return undefined;
}
