import type { StatusStore } from '../store/StatusStore.js';

/** A declared maintenance window as reports read it: times in ms, with the SLOs of its components. */
export interface DeclaredWindow {
  id: number;
  startsAt: number;
  endsAt: number;
  components: string[];
  slos: string[];
}

/** At most this many windows in one answer: more than a year of weekly maintenance. */
export const MAX_WINDOWS = 1000;

/**
 * The maintenance declared over [from, to) (ms), cancelled windows left out, each with the SLOs of
 * its components: what a month's figures leave out. One reading for `/v1/maintenance/windows` and
 * the monthly report, so both leave out the same minutes.
 */
export async function declaredWindows(
  store: StatusStore,
  slosOf: ReadonlyMap<string, readonly string[]>,
  from: number,
  to: number,
): Promise<DeclaredWindow[]> {
  const list = await store.listMaintenance({ endsAfter: from, startsBefore: to, limit: MAX_WINDOWS });
  return list.map((m) => ({
    id: m.id,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    components: m.components,
    slos: [...new Set(m.components.flatMap((c) => slosOf.get(c) ?? []))].sort(),
  }));
}
