import type { Component } from '../config/Component.js';
import { deriveState } from './deriveState.js';
import type { SourceReading, State, StatusSource } from './State.js';

export interface ComponentStatus {
  component: Component;
  state: State;
  reasons: string[];
  /** ms since the epoch: when the state last changed. */
  since: number;
}

/**
 * Reads the source every `refreshMs` and keeps each component's derived state, so requests
 * (a badge on every partner page view) only look up what the last refresh decided.
 */
export class StatusBoard {
  private reading: SourceReading | undefined;
  private readError: unknown;
  private readonly statuses = new Map<string, ComponentStatus>();
  private timer: NodeJS.Timeout | undefined;
  /** Bumped whenever any component's state changes: part of every ETag. */
  version = 0;
  lastRefresh = 0;

  constructor(
    readonly components: readonly Component[],
    private readonly source: StatusSource,
    private readonly options: { refreshMs: number; staleAfterMs: number; now: () => number },
  ) {
    const now = options.now();
    for (const component of components) {
      this.statuses.set(component.id, { component, state: 'unknown', reasons: ['not_read_yet'], since: now });
    }
  }

  get(id: string): ComponentStatus | undefined {
    // Staleness must show even when refreshes stopped: re-derive if the last refresh is too old.
    if (this.options.now() - this.lastRefresh > this.options.staleAfterMs) this.derive();
    return this.statuses.get(id);
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

  async refresh(): Promise<void> {
    try {
      this.reading = await this.source.read();
      this.readError = undefined;
    } catch (err) {
      this.readError = err;
    }
    this.derive();
  }

  start(): void {
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private derive(): void {
    const now = this.options.now();
    this.lastRefresh = now;
    for (const component of this.components) {
      const { state, reasons } = deriveState({
        component: { id: component.id, slos: component.slos },
        reading: this.reading,
        readError: this.readError,
        now,
        staleAfterMs: this.options.staleAfterMs,
        maintenance: false,
      });
      const previous = this.statuses.get(component.id);
      if (previous?.state !== state) this.version++;
      this.statuses.set(component.id, {
        component,
        state,
        reasons,
        since: previous?.state === state ? previous.since : now,
      });
    }
  }
}
