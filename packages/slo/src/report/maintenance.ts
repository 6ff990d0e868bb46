import { ReportError } from '../errors.js';

/** A declared maintenance window: its minutes are left out of the report (seconds since the epoch). */
export interface MaintenanceWindow {
  from: number;
  to: number;
  /** The SLOs it covers; absent: all. */
  slos?: string[];
}

/**
 * Reads `{ "maintenance": [{ "from": ISO, "to": ISO, "slos"?: [names] }] }`, the maintenance
 * windows as the status API records them (its declared maintenance, exported as JSON). The file
 * is unknown data: every entry is checked and a bad one is refused by its index.
 */
export function parseMaintenance(text: string, file: string): MaintenanceWindow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ReportError(`${file}: not JSON (${(err as Error).message}); expected { "maintenance": [...] }`);
  }
  const list = (data as { maintenance?: unknown } | null)?.maintenance;
  if (!Array.isArray(list)) throw new ReportError(`${file}: expected { "maintenance": [{ "from", "to", "slos"? }] }`);
  return list.map((w: unknown, i) => {
    const at = `${file}: maintenance[${i}]`;
    const { from, to, slos } = (w ?? {}) as Record<string, unknown>;
    const f = typeof from === 'string' ? Date.parse(from) : Number.NaN;
    const t = typeof to === 'string' ? Date.parse(to) : Number.NaN;
    if (!Number.isFinite(f) || !Number.isFinite(t) || t <= f) {
      throw new ReportError(`${at}: "from" and "to" must be ISO instants with "to" after "from"`);
    }
    if (slos !== undefined && !(Array.isArray(slos) && slos.every((s) => typeof s === 'string'))) {
      throw new ReportError(`${at}: "slos" must be a list of SLO names, or left out for all`);
    }
    return { from: f / 1000, to: t / 1000, ...(slos === undefined ? {} : { slos: slos as string[] }) };
  });
}
