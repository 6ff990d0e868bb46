import { DEFAULT_AGE_BUCKETS } from '../contract/pipeline.js';
import { StageSlot } from './StageSlot.js';

/** The stages of every pipeline of one service, in creation order (their places). */
export class PipelineTable {
  readonly stages: StageSlot[] = [];
  readonly ageBounds = Float64Array.from(DEFAULT_AGE_BUCKETS);
  private readonly byKey = new Map<string, StageSlot>();

  constructor(readonly durationBounds: Float64Array) {}

  /** The slot of a stage whose names were already checked; created on first sight. */
  stage(pipeline: string, stage: string): StageSlot {
    // Both names match PIPELINE_NAME, which has no space: the key cannot be ambiguous.
    const key = `${pipeline} ${stage}`;
    let slot = this.byKey.get(key);
    if (slot === undefined) {
      slot = new StageSlot(this.stages.length, pipeline, stage, this.durationBounds, this.ageBounds);
      this.stages.push(slot);
      this.byKey.set(key, slot);
    }
    return slot;
  }
}
