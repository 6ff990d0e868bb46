import { LABELS } from '../contract/names.js';
import { OUTCOME_COUNT, OUTCOMES } from '../contract/outcomes.js';
import { PIPELINE_LABELS } from '../contract/pipeline.js';
import { FamilySamples } from './FamilySamples.js';
import type { PipelineFamilyKey } from './familyKeys.js';
import type { Histogram } from './Histogram.js';
import { histogramSamples, resetHistograms } from './histogramSamples.js';
import type { PipelineTable } from './PipelineTable.js';
import type { StageSlot } from './StageSlot.js';

const BY_OUTCOME = [PIPELINE_LABELS.pipeline, PIPELINE_LABELS.stage, LABELS.outcome];
const BY_STAGE = [PIPELINE_LABELS.pipeline, PIPELINE_LABELS.stage];

/** The samples of one pipeline family as of `now` (ms since epoch: the oldest message's age). */
export function pipelineSamples(
  key: PipelineFamilyKey,
  table: PipelineTable,
  createdAt: number,
  now: number,
): FamilySamples {
  const stages = table.stages.slice();
  const startedAt = () => createdAt;
  switch (key) {
    case 'stageCalls': {
      const n = stages.length * OUTCOME_COUNT;
      const values = new Float64Array(n);
      const places = new Int32Array(n);
      for (let s = 0; s < stages.length; s++) {
        values.set(stages[s]!.calls, s * OUTCOME_COUNT);
        for (let o = 0; o < OUTCOME_COUNT; o++) places[s * OUTCOME_COUNT + o] = stages[s]!.place * OUTCOME_COUNT + o;
      }
      return new FamilySamples(key, 'counter', BY_OUTCOME, n, values, places, Float64Array.from(places), {
        label: (i, j) => byOutcome(stages[(i / OUTCOME_COUNT) | 0]!, i % OUTCOME_COUNT, j),
        startedAt,
      });
    }
    case 'stageDuration': {
      const hs: Histogram[] = [];
      for (const s of stages) for (const h of s.durations) hs.push(h);
      return histogramSamples(key, BY_OUTCOME, hs, table.durationBounds, {
        label: (i, j) => byOutcome(stages[(i / OUTCOME_COUNT) | 0]!, hs[i]!.outcome, j),
        startedAt,
      });
    }
    case 'messageAge':
      return histogramSamples(
        key,
        BY_STAGE,
        stages.map((s) => s.age),
        table.ageBounds,
        { label: (i, j) => byStage(stages[i]!, j), startedAt },
      );
    case 'queueDepth':
      return gauge(key, stages, (s) => s.depth, startedAt);
    case 'oldestMessageAge':
      // Computed now, not when reported: a stalled stage reports nothing, and its oldest message
      // must still be seen to age.
      return gauge(key, stages, (s) => (s.depth > 0 && s.oldestAt < now ? (now - s.oldestAt) / 1000 : 0), startedAt);
  }
}

/** Counts from zero again; queue gauges are the service's own state and stay as reported. */
export function resetPipelineFamily(key: PipelineFamilyKey, table: PipelineTable): void {
  switch (key) {
    case 'stageCalls':
      for (const s of table.stages) s.calls.fill(0);
      break;
    case 'stageDuration':
      for (const s of table.stages) resetHistograms(s.durations);
      break;
    case 'messageAge':
      resetHistograms(table.stages.map((s) => s.age));
      break;
    case 'queueDepth':
    case 'oldestMessageAge':
      break;
  }
}

function gauge(
  key: PipelineFamilyKey,
  stages: readonly StageSlot[],
  value: (s: StageSlot) => number,
  startedAt: () => number,
): FamilySamples {
  const n = stages.length;
  const values = new Float64Array(n);
  const places = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    values[i] = value(stages[i]!);
    places[i] = stages[i]!.place;
  }
  return new FamilySamples(key, 'gauge', BY_STAGE, n, values, places, Float64Array.from(places), {
    label: (i, j) => byStage(stages[i]!, j),
    startedAt,
  });
}

function byStage(s: StageSlot, j: number): string {
  return j === 0 ? s.pipeline : s.stage;
}

function byOutcome(s: StageSlot, outcome: number, j: number): string {
  return j === 2 ? OUTCOMES[outcome]! : byStage(s, j);
}
