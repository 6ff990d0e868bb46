import type { Component } from '../config/Component.js';
import type { Provider } from '../config/Provider.js';
import type { Impact, Incident, Maintenance } from '../incidents/model.js';
import { deriveState, STATE_RANK, TOO_FEW_CALLS } from './deriveState.js';
import { judgeProviders, type Note } from './providers.js';
import { figureIds, type SourceReading, type State, type StatusSource } from './State.js';

export interface ComponentStatus {
  component: Component;
  state: State;
  reasons: string[];
  notes: Note[];
  /** ms since the epoch: when the state last changed. */
  since: number;
}

/** What people declared: open incidents and maintenance windows (from the store). */
export interface Declarations {
  openIncidents: Incident[];
  /** Not cancelled, ending in the future; the board picks the ones active now. */
  maintenance: Maintenance[];
}

export interface StatusBoardOptions {
  refreshMs: number;
  staleAfterMs: number;
  now: () => number;
  providers?: readonly Provider[];
  /** Read at every refresh, next to the source. A failure keeps the previous declarations. */
  declarations?: () => Promise<Declarations>;
  /** Called after every refresh with the fresh statuses: the uptime and volume history. */
  onRefresh?: (statuses: readonly ComponentStatus[], reading: SourceReading | undefined, now: number) => Promise<void>;
  /** Where failures of declarations and history go (the operator's log). */
  onError?: (err: unknown, what: 'declarations' | 'history') => void;
}

const IMPACT_RANK: Record<Impact, number> = { none: 0, minor: 1, major: 2, critical: 3 };

/**
 * Reads the source every `refreshMs` and keeps each component's derived state, so requests
 * (a badge on every partner page view) only look up what the last refresh decided.
 */
export class StatusBoard {
  private reading: SourceReading | undefined;
  private readError: unknown;
  private declared: Declarations = { openIncidents: [], maintenance: [] };
  private readonly statuses = new Map<string, ComponentStatus>();
  private readonly providers: Map<string, Provider>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** Bumped whenever any component's state changes: part of every ETag. */
  version = 0;
  lastRefresh = 0;

  constructor(
    readonly components: readonly Component[],
    private readonly source: StatusSource,
    private readonly options: StatusBoardOptions,
  ) {
    const now = options.now();
    this.providers = new Map((options.providers ?? []).map((p) => [p.id, p]));
    for (const component of components) {
      this.statuses.set(component.id, {
        component,
        state: 'unknown',
        reasons: ['not_read_yet'],
        notes: [],
        since: now,
      });
    }
  }

  get(id: string): ComponentStatus | undefined {
    this.checkFreshness();
    return this.statuses.get(id);
  }

  /** The version once staleness is accounted for: what an answer cached for a version must match. */
  currentVersion(): number {
    this.checkFreshness();
    return this.version;
  }

  // Staleness must show even when refreshes stopped: re-derive if the last refresh is too old.
  private checkFreshness(): void {
    if (this.options.now() - this.lastRefresh > this.options.staleAfterMs) this.derive();
  }

  all(): ComponentStatus[] {
    return this.components.map((c) => this.get(c.id)!);
  }

  /** Whether the last read succeeded and is fresh: the service's own readiness. */
  get ready(): boolean {
    return (
      this.reading !== undefined &&
      this.readError === undefined &&
      this.options.now() - this.reading.at <= this.options.staleAfterMs
    );
  }

  /** The open incidents and maintenance windows of the last refresh. */
  get declarations(): Declarations {
    return this.declared;
  }

  /** Whether the reading behind the states is fresh (the page's "cannot tell right now" banner). */
  get fresh(): boolean {
    return this.ready;
  }

  /** Reads source and declarations, derives, records. Concurrent calls share one run. */
  refresh(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Re-reads the declarations and derives again, without touching the source: a posted
   * incident shows on this replica's next request, not one refresh later.
   */
  async redeclare(): Promise<void> {
    await this.readDeclarations();
    this.derive();
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Waits for a refresh in flight, so closing does not cut a history write short. */
  async settle(): Promise<void> {
    await this.running;
  }

  private async run(): Promise<void> {
    const [read] = await Promise.allSettled([this.source.read(), this.readDeclarations()]);
    if (read.status === 'fulfilled') {
      this.reading = read.value;
      this.readError = undefined;
    } else {
      this.readError = read.reason;
    }
    this.derive();
    if (this.options.onRefresh) {
      try {
        await this.options.onRefresh(
          this.all(),
          this.readError === undefined ? this.reading : undefined,
          this.lastRefresh,
        );
      } catch (err) {
        this.options.onError?.(err, 'history');
      }
    }
  }

  private async readDeclarations(): Promise<void> {
    if (!this.options.declarations) return;
    try {
      const declared = await this.options.declarations();
      const signature = (d: Declarations) =>
        JSON.stringify([
          d.openIncidents.map((i) => [i.id, i.updatedAt]),
          d.maintenance.map((m) => [m.id, m.updatedAt]),
        ]);
      // Incidents change the page and the JSON even when no state changes: they are part of the ETag too.
      if (signature(declared) !== signature(this.declared)) this.version++;
      this.declared = declared;
    } catch (err) {
      this.options.onError?.(err, 'declarations');
    }
  }

  private derive(): void {
    const now = this.options.now();
    this.lastRefresh = now;
    const base = { reading: this.reading, readError: this.readError, now, staleAfterMs: this.options.staleAfterMs };
    const stateOf = (slos: readonly string[]) =>
      deriveState({ ...base, component: { id: '', slos }, maintenance: false }).state;
    for (const component of this.components) {
      const window = this.declared.maintenance.find(
        (m) => m.components.includes(component.id) && m.startsAt <= now && now < m.endsAt,
      );
      let impact: Impact = 'none';
      for (const incident of this.declared.openIncidents) {
        if (incident.components.includes(component.id) && IMPACT_RANK[incident.impact] > IMPACT_RANK[impact]) {
          impact = incident.impact;
        }
      }
      let { state, reasons } = deriveState({
        ...base,
        component: { id: component.id, slos: figureIds(component) },
        maintenance: window !== undefined,
        incidentImpact: impact,
      });
      const notes: Note[] = [];
      if (window !== undefined) notes.push({ kind: 'maintenance', until: window.endsAt });
      if (reasons[0] === 'source:stale' || reasons[0] === 'source:error') notes.push({ kind: 'stale' });
      if (state === 'unknown' && reasons.some((r) => r.startsWith('slo:') && r.endsWith(`:${TOO_FEW_CALLS}`))) {
        notes.push({ kind: 'too_few_calls' });
      }
      // Told, not judged: the reason (in the JSON) and the note (on the page) leave the state as it is.
      const collecting = collectingOf(figureIds(component), this.reading);
      if (collecting !== undefined && state !== 'maintenance' && reasons[0]?.startsWith('source:') !== true) {
        reasons = [...reasons, ...collecting.slos.map((slo) => `slo:${slo}:${COLLECTING_DATA}`)];
        notes.push({ kind: 'collecting', coverage: collecting.coverage, days: collecting.days });
      }
      // Providers only speak when the source does: their figures come from the same reading.
      const providers = (component.providers ?? []).flatMap((id) => this.providers.get(id) ?? []);
      if (providers.length > 0 && state !== 'maintenance' && state !== 'unknown') {
        const verdict = judgeProviders(providers, stateOf, state);
        if (verdict.floor !== undefined && STATE_RANK[verdict.floor] > STATE_RANK[state]) state = verdict.floor;
        reasons = [...reasons, ...verdict.reasons];
        notes.push(...verdict.notes);
      }
      const previous = this.statuses.get(component.id);
      if (previous?.state !== state) this.version++;
      this.statuses.set(component.id, {
        component,
        state,
        reasons,
        notes,
        since: previous?.state === state ? previous.since : now,
      });
    }
  }
}

/** The reason suffix of an SLO whose history holds too little of its window: `slo:<id>:collecting_data`. */
export const COLLECTING_DATA = 'collecting_data';

/** The component's SLOs still collecting data, with the least coverage among them and its window in days. */
function collectingOf(
  slos: readonly string[],
  reading: SourceReading | undefined,
): { slos: string[]; coverage: number; days: number } | undefined {
  let least: { coverage: number; days: number } | undefined;
  const ids: string[] = [];
  for (const id of slos) {
    const c = reading?.slos.get(id)?.coverage;
    if (c === undefined || !c.collecting) continue;
    ids.push(id);
    if (least === undefined || c.ratio < least.coverage)
      least = { coverage: c.ratio, days: Math.round(c.window / 86_400) };
  }
  return least === undefined ? undefined : { slos: ids, ...least };
}
