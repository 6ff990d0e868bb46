import type { CareMetrics } from '@hartslag/metrics';

/**
 * A stage is named stalled once its oldest waiting message is this old, seconds: half the demo's
 * freshness threshold (60 s), so the operator hears of it before its messages count as stale.
 */
export const STALLED_AFTER = 30;

/** How often the watch reads the stage series, ms. */
const EVERY_MS = 2_000;

/** One stage as its queue series show it. */
export interface StageReading {
  pipeline: string;
  stage: string;
  /** Messages waiting for it (care_pipeline_queue_depth). */
  depth: number;
  /** Age of the oldest of them, seconds (care_pipeline_oldest_message_age_seconds). */
  oldestAge: number;
}

/** Each stage's queue depth and oldest message age, as the platform's next scrape would export them. */
export function readStages(metrics: CareMetrics): StageReading[] {
  const depth = metrics.aggregate.family('queueDepth');
  const oldest = metrics.aggregate.family('oldestMessageAge');
  const out: StageReading[] = [];
  // Both gauges list the stages in creation order: sample i is the same stage in each.
  for (let i = 0; i < oldest.size; i++) {
    out.push({
      pipeline: oldest.label(i, 0),
      stage: oldest.label(i, 1),
      depth: depth.values[i] ?? 0,
      oldestAge: oldest.values[i]!,
    });
  }
  return out;
}

export type StageEvent =
  | { type: 'stalled'; at: number; reading: StageReading }
  | { type: 'moving'; at: number; pipeline: string; stage: string };

/**
 * Watches the stage series and tells when a stage stalls (its oldest message older than
 * STALLED_AFTER) and when it moves again. Reads the aggregate on a timer: never waits on the stage.
 */
export class StageWatch {
  private readonly stalled = new Map<string, StageReading>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly metrics: CareMetrics,
    private readonly onEvent: (event: StageEvent) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => this.check(), EVERY_MS);
    this.timer.unref();
  }

  /** The stages stalled as of the latest check. */
  get current(): StageReading[] {
    return [...this.stalled.values()];
  }

  check(): void {
    for (const r of readStages(this.metrics)) {
      const key = `${r.pipeline}/${r.stage}`;
      const was = this.stalled.has(key);
      if (r.oldestAge >= STALLED_AFTER) {
        this.stalled.set(key, r);
        if (!was) this.onEvent({ type: 'stalled', at: this.now(), reading: r });
      } else if (was) {
        this.stalled.delete(key);
        this.onEvent({ type: 'moving', at: this.now(), pipeline: r.pipeline, stage: r.stage });
      }
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
