import { Counter, Histogram, Registry } from 'prom-client';
import { DEFAULT_DURATION_BUCKETS } from '../src/contract/buckets.js';
import { DEFAULT_AGE_BUCKETS, PIPELINE_HELP, PIPELINE_METRICS } from '../src/contract/pipeline.js';
import { createCareMetrics } from '../src/index.js';
import { calls } from './data.js';
import { nsPerOp, type Row } from './run.js';

const STAGES = ['receive', 'encrypt', 'store', 'notify', 'deliver'];

/**
 * One message through one stage, three ways in one run: our pre-bound stage (count, duration,
 * end-to-end age), recordCall on the same mix, and the same three series written by hand with
 * prom-client. Returns the rows for BENCHMARKS.md.
 */
export async function stageRecordBench(time: number): Promise<Row[]> {
  const data = calls(4096);
  const mask = data.length - 1;
  const BATCH = 1000;
  const service = 'messaging';
  const ours = createCareMetrics({ service });
  const pipeline = ours.pipeline('send-message');
  const stages = data.map((_, i) => pipeline.stage(STAGES[i % STAGES.length]!));
  const registry = new Registry();
  const theirCalls = new Counter({
    name: PIPELINE_METRICS.stageCalls,
    help: PIPELINE_HELP.stageCalls,
    labelNames: ['service', 'pipeline', 'stage', 'outcome'],
    registers: [registry],
  });
  const theirDuration = new Histogram({
    name: PIPELINE_METRICS.stageDuration,
    help: PIPELINE_HELP.stageDuration,
    labelNames: ['service', 'pipeline', 'stage', 'outcome'],
    buckets: [...DEFAULT_DURATION_BUCKETS],
    registers: [registry],
  });
  const theirAge = new Histogram({
    name: PIPELINE_METRICS.messageAge,
    help: PIPELINE_HELP.messageAge,
    labelNames: ['service', 'pipeline', 'stage'],
    buckets: [...DEFAULT_AGE_BUCKETS],
    registers: [registry],
  });
  const sentAt = Date.now() - 5_000;
  let i = 0;
  const ns = await nsPerOp(
    {
      'prom-client, hand-written (3 calls)': () => {
        for (let k = 0; k < BATCH; k++) {
          const j = i++ & mask;
          const c = data[j]!;
          const stage = STAGES[j % STAGES.length]!;
          theirCalls.inc({ service, pipeline: 'send-message', stage, outcome: c.outcome });
          theirDuration.observe({ service, pipeline: 'send-message', stage, outcome: c.outcome }, c.seconds);
          if (c.outcome === 'success') {
            theirAge.observe({ service, pipeline: 'send-message', stage }, (Date.now() - sentAt) / 1000);
          }
        }
      },
      'hartslag recordCall': () => {
        for (let k = 0; k < BATCH; k++) ours.recordCall(data[i++ & mask]!);
      },
      'hartslag stage.record': () => {
        for (let k = 0; k < BATCH; k++) {
          const j = i++ & mask;
          const c = data[j]!;
          stages[j]!.record(c.outcome, c.seconds, sentAt);
        }
      },
    },
    BATCH,
    time,
  );
  if (ours.instrumentationErrors !== 0) throw new Error('the stage benchmark recorded errors');
  const stage = ns['hartslag stage.record']!;
  return [
    {
      name: 'pipeline stage.record() (count, duration, end-to-end age)',
      baselineName: 'prom-client hand-written, 3 calls',
      baseline: ns['prom-client, hand-written (3 calls)']!,
      ours: stage,
      unit: 'ns/call',
      target: 20,
    },
    {
      // "As cheap as recordCall": the ratio must not fall below 1 by more than the noise of a shared machine.
      name: 'pipeline stage.record() against recordCall',
      baselineName: 'hartslag recordCall (same mix)',
      baseline: ns['hartslag recordCall']!,
      ours: stage,
      unit: 'ns/call',
      target: 0.8,
    },
  ];
}
