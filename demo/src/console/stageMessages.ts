import type { StageEvent } from '../pipeline/StageWatch.js';
import { clockTime } from './messages.js';

/** What to print when a pipeline stage stalls or moves again, and which series show it. */
export function stageMessage(event: StageEvent): string {
  if (event.type === 'moving') {
    return `▼ ${clockTime(event.at)} stage ${event.pipeline}/${event.stage} moving again: its held messages go out late, and the freshness SLO counts them as stale.\n`;
  }
  const r = event.reading;
  return [
    `▲ ${clockTime(event.at)} stage ${r.pipeline}/${r.stage} stalled: ${r.depth} messages waiting, the oldest ${Math.round(r.oldestAge)} s.`,
    `  Named by care_pipeline_oldest_message_age_seconds{pipeline="${r.pipeline}",stage="${r.stage}"} and its queue depth; the other stages keep moving.`,
    '',
  ].join('\n');
}
