import { PIPELINE_LABELS, PIPELINE_METRICS } from '@hartslag/metrics/contract';

/** One pipeline stage over a short window: how fast it passes messages on and what waits for it. */
export interface StageDrain {
  pipeline: string;
  stage: string;
  /** Messages the stage handled successfully per second over the window. */
  perSecond: number;
  /** Messages waiting for it at the end of the window. */
  waiting: number;
  /** Age of the oldest of them, seconds (0 when none waits). */
  oldestSeconds: number;
  /** Messages wait and none was passed on during the window. */
  stalled: boolean;
}

interface StageSample {
  success: number;
  waiting: number;
  oldest: number;
}

const SAMPLE = /^([a-z_:]+)\{([^}]*)\} (\S+)$/;
const LABEL = /([a-z_]+)="((?:[^"\\]|\\.)*)"/g;

/** The pipeline series of a Prometheus text exposition, by `pipeline stage`. */
export function stageSamples(exposition: string): Map<string, StageSample & { pipeline: string; stage: string }> {
  const out = new Map<string, StageSample & { pipeline: string; stage: string }>();
  for (const line of exposition.split('\n')) {
    const m = SAMPLE.exec(line);
    if (m === null || !m[1]!.startsWith('care_pipeline_')) continue;
    const labels = new Map([...m[2]!.matchAll(LABEL)].map((l) => [l[1]!, l[2]!]));
    const pipeline = labels.get(PIPELINE_LABELS.pipeline);
    const stage = labels.get(PIPELINE_LABELS.stage);
    if (pipeline === undefined || stage === undefined) continue;
    const key = `${pipeline} ${stage}`;
    let s = out.get(key);
    if (s === undefined) {
      s = { pipeline, stage, success: 0, waiting: 0, oldest: 0 };
      out.set(key, s);
    }
    const value = Number(m[3]);
    if (m[1] === PIPELINE_METRICS.stageCalls && labels.get('outcome') === 'success') s.success += value;
    else if (m[1] === PIPELINE_METRICS.queueDepth) s.waiting = value;
    else if (m[1] === PIPELINE_METRICS.oldestMessageAge) s.oldest = value;
  }
  return out;
}

async function scrape(url: string): Promise<string> {
  const res = await fetch(`${url}/metrics`);
  if (!res.ok) throw new Error(`GET ${url}/metrics: HTTP ${res.status}`);
  return res.text();
}

/**
 * Each pipeline stage of the service at `url`, from two scrapes of its /metrics `windowMs`
 * apart: a stage with messages waiting that passed none on in between is stalled, and named.
 */
export async function stageDrain(url: string, windowMs = 2000): Promise<StageDrain[]> {
  const before = stageSamples(await scrape(url));
  const started = performance.now();
  await new Promise((r) => setTimeout(r, windowMs));
  const after = stageSamples(await scrape(url));
  const seconds = (performance.now() - started) / 1000;
  return [...after.entries()].map(([key, a]) => {
    const handled = a.success - (before.get(key)?.success ?? 0);
    return {
      pipeline: a.pipeline,
      stage: a.stage,
      perSecond: handled / seconds,
      waiting: a.waiting,
      oldestSeconds: a.oldest,
      stalled: a.waiting > 0 && handled === 0,
    };
  });
}

/** One line per stage, stalled ones marked: what the storm report and a drain timeout print. */
export function formatStageDrain(stages: readonly StageDrain[]): string {
  return stages
    .map(
      (s) =>
        `  stage ${s.stage} of ${s.pipeline}: ${Math.round(s.perSecond)} messages/s, ${s.waiting} waiting, ` +
        `oldest ${s.oldestSeconds.toFixed(0)} s${s.stalled ? ' — STALLED' : ''}`,
    )
    .join('\n');
}
