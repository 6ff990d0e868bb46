import type { StateMinute, VolumePoint } from '../incidents/model.js';
import { STATE_RANK } from '../state/deriveState.js';
import { figureIds, type SourceReading, type State } from '../state/State.js';
import type { ComponentStatus } from '../state/StatusBoard.js';
import type { StatusStore } from '../store/StatusStore.js';

const MINUTE = 60_000;
/** The chart's resolution: fine enough for a morning peak, 288 points a day. */
export const VOLUME_BUCKET_MS = 5 * MINUTE;

/**
 * Turns refreshes into history: per component, the worst state seen in each minute (a 20-second
 * outage inside a minute must not vanish because the minute began well), and the mean call rate
 * in each 5-minute bucket. A minute or bucket is written once it is over; replicas write the
 * same rows and the store keeps the first.
 */
export class HistoryRecorder {
  private minute = -1;
  private worst = new Map<string, State>();
  private bucket = -1;
  private sums = new Map<string, { total: number; n: number }>();

  constructor(private readonly store: Pick<StatusStore, 'recordStates' | 'recordVolume'>) {}

  async observe(statuses: readonly ComponentStatus[], reading: SourceReading | undefined, now: number): Promise<void> {
    const minute = Math.floor(now / MINUTE) * MINUTE;
    if (minute !== this.minute) {
      await this.flushStates();
      this.minute = minute;
    }
    for (const s of statuses) {
      const seen = this.worst.get(s.component.id);
      if (seen === undefined || STATE_RANK[s.state] > STATE_RANK[seen]) this.worst.set(s.component.id, s.state);
    }

    const bucket = Math.floor(now / VOLUME_BUCKET_MS) * VOLUME_BUCKET_MS;
    if (bucket !== this.bucket) {
      await this.flushVolume();
      this.bucket = bucket;
    }
    if (reading === undefined) return;
    for (const s of statuses) {
      let rate: number | undefined;
      for (const slo of figureIds(s.component)) {
        const r = reading.slos.get(slo)?.callRate;
        if (r !== undefined) rate = (rate ?? 0) + r;
      }
      if (rate === undefined) continue;
      const sum = this.sums.get(s.component.id) ?? { total: 0, n: 0 };
      sum.total += rate;
      sum.n++;
      this.sums.set(s.component.id, sum);
    }
  }

  /** Writes what the current minute and bucket hold so far (at shutdown). */
  async flush(): Promise<void> {
    await this.flushStates();
    await this.flushVolume();
  }

  private async flushStates(): Promise<void> {
    if (this.minute < 0 || this.worst.size === 0) return;
    const rows: StateMinute[] = [...this.worst].map(([component, state]) => ({
      component,
      minute: this.minute,
      state,
    }));
    this.worst = new Map();
    await this.store.recordStates(rows);
  }

  private async flushVolume(): Promise<void> {
    if (this.bucket < 0 || this.sums.size === 0) return;
    const rows: VolumePoint[] = [...this.sums].map(([component, { total, n }]) => ({
      component,
      at: this.bucket,
      rate: total / n,
    }));
    this.sums = new Map();
    await this.store.recordVolume(rows);
  }
}
