/**
 * The state of a component, as Statuspage and partners know them. `unknown` is a state of its
 * own: never "operational" without fresh evidence.
 */
export const STATES = ['operational', 'degraded', 'partial_outage', 'major_outage', 'maintenance', 'unknown'] as const;
export type State = (typeof STATES)[number];

/** What a source knows of one SLO at one moment (undefined: no calls in that window). */
export interface SloFigures {
  slo: string;
  /** 1 untouched … 0 spent … below 0 overspent. */
  budgetRemaining: number | undefined;
  /** Error ratio over the last 5 minutes. */
  errorRatio5m: number | undefined;
  outage: { active: boolean; seconds: number; limit: number } | undefined;
  silent: boolean;
  /**
   * False when even the longest judging window (6 h) holds too few calls to judge by: the page
   * then says so instead of "operational". Undefined when the source does not say.
   */
  judgeable?: boolean;
  /**
   * How much of the SLO window the source's history holds, when it says (the embedded evaluator):
   * while `collecting`, the budget is a figure over days, not the window, and is not judged.
   */
  coverage?: { ratio: number; window: number; collecting: boolean };
  /** Calls per second lately, when the source knows it: the volume the status page charts. */
  callRate?: number;
  /** Firing alerts by name and severity. */
  firing: { alertname: string; severity: string }[];
}

/** One reading of a source: when it was taken, and the figures of each SLO it knows. */
export interface SourceReading {
  /** ms since the epoch. */
  at: number;
  slos: Map<string, SloFigures>;
}

/** Where figures come from: the in-process evaluator, or Prometheus. */
export interface StatusSource {
  readonly kind: 'embedded' | 'prometheus';
  /** Throws when the source cannot be read; the caller turns that into `unknown`. */
  read(): Promise<SourceReading>;
}

/**
 * Where a reading keeps the figures of one group of a grouped SLO (`by-vendor{medi-sys}`): SLO
 * names are DNS labels, so the braces never collide with an SLO's own name. Without a group, the
 * SLO's name: for a grouped SLO, its worst group.
 */
export function figuresKey(slo: string, group?: string): string {
  return group === undefined ? slo : `${slo}{${group}}`;
}

/** The reading keys a component is judged by: its SLOs, or their one group when it names one. */
export function figureIds(component: { slos: readonly string[]; group?: string }): string[] {
  return component.slos.map((slo) => figuresKey(slo, component.group));
}
