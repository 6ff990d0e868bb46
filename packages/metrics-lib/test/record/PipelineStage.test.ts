import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  definesSeries,
  PIPELINE_FAMILY_CONTRACT,
  PIPELINE_METRICS,
  pipelineNames,
  pipelineOtelInstruments,
} from '../../src/contract.js';
import { createCareMetrics, type HartslagError, PipelineNameError } from '../../src/index.js';
import { CareMetricProducer } from '../../src/otel.js';
import { parseExposition } from '../support/exposition.js';
import { parseSamples } from '../support/samples.js';

const service = 'messaging';
const quiet = { onWarning: () => {} };
const stageLabels = (stage: string) => `pipeline="send-message",service="messaging",stage="${stage}"`;

afterEach(() => {
  vi.useRealTimers();
});

describe('pipeline stages', () => {
  it('counts messages by pipeline, stage and outcome, and observes the time spent, every outcome at zero', async () => {
    const m = createCareMetrics({ service });
    const encrypt = m.pipeline('send-message').stage('encrypt');
    encrypt.record('success', 0.004);
    encrypt.record('success', 0.2);
    encrypt.record('server_error', 1.5);
    const s = parseSamples(await m.registry!.metrics());
    const at = (outcome: string) => `outcome="${outcome}",${stageLabels('encrypt')}`;
    expect(s.get(`care_pipeline_stage_calls_total{${at('success')}}`)).toBe(2);
    expect(s.get(`care_pipeline_stage_calls_total{${at('server_error')}}`)).toBe(1);
    expect(s.get(`care_pipeline_stage_calls_total{${at('timeout')}}`)).toBe(0);
    expect(s.get(`care_pipeline_stage_duration_seconds_count{${at('success')}}`)).toBe(2);
    expect(s.get(`care_pipeline_stage_duration_seconds_bucket{le="0.005",${at('success')}}`)).toBe(1);
    expect(s.get(`care_pipeline_stage_duration_seconds_bucket{le="0.25",${at('success')}}`)).toBe(2);
    expect(s.get(`care_pipeline_stage_duration_seconds_sum{${at('success')}}`)).toBeCloseTo(0.204, 10);
    expect(s.get(`care_pipeline_stage_duration_seconds_bucket{le="2.5",${at('server_error')}}`)).toBe(1);
  });

  it('hands out one handle per stage, and the same pipeline for the same name', () => {
    const m = createCareMetrics({ service });
    expect(m.pipeline('send-message')).toBe(m.pipeline('send-message'));
    expect(m.pipeline('send-message').stage('store')).toBe(m.pipeline('send-message').stage('store'));
    expect(m.pipeline('send-message').stage('store').stage).toBe('store');
  });

  it("observes a message's end-to-end age from its own timestamp, on success only", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T08:00:00Z'));
    const m = createCareMetrics({ service });
    const deliver = m.pipeline('send-message').stage('deliver');
    const now = Date.now();
    deliver.record('success', 0.01, now - 90_000);
    deliver.record('success', 0.01, new Date(now - 20_000));
    // A sender whose clock runs ahead: age 0, not negative.
    deliver.record('success', 0.01, now + 5_000);
    deliver.record('server_error', 0.01, now - 10_000);
    const s = parseSamples(await m.registry!.metrics());
    const l = stageLabels('deliver');
    expect(s.get(`care_pipeline_message_age_seconds_count{${l}}`)).toBe(3);
    expect(s.get(`care_pipeline_message_age_seconds_bucket{le="0.5",${l}}`)).toBe(1);
    expect(s.get(`care_pipeline_message_age_seconds_bucket{le="30",${l}}`)).toBe(2);
    expect(s.get(`care_pipeline_message_age_seconds_bucket{le="60",${l}}`)).toBe(2);
    expect(s.get(`care_pipeline_message_age_seconds_bucket{le="120",${l}}`)).toBe(3);
    expect(s.get(`care_pipeline_message_age_seconds_sum{${l}}`)).toBe(110);
  });

  it("reports queue depth, and the oldest waiting message's age as of each scrape, so a stall keeps ageing", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T08:00:00Z'));
    const m = createCareMetrics({ service });
    const notify = m.pipeline('send-message').stage('notify');
    notify.queue(1200, Date.now() - 30_000);
    const l = stageLabels('notify');
    let s = parseSamples(await m.registry!.metrics());
    expect(s.get(`care_pipeline_queue_depth{${l}}`)).toBe(1200);
    expect(s.get(`care_pipeline_oldest_message_age_seconds{${l}}`)).toBe(30);
    // The stage stalls: nothing more is reported, yet the oldest message is 10 minutes older.
    vi.setSystemTime(Date.now() + 600_000);
    s = parseSamples(await m.registry!.metrics());
    expect(s.get(`care_pipeline_oldest_message_age_seconds{${l}}`)).toBe(630);
    notify.queue(0);
    s = parseSamples(await m.registry!.metrics());
    expect(s.get(`care_pipeline_queue_depth{${l}}`)).toBe(0);
    expect(s.get(`care_pipeline_oldest_message_age_seconds{${l}}`)).toBe(0);
  });

  it('exports nothing of pipelines until a stage exists, then all five families, valid in both formats', async () => {
    const m = createCareMetrics({ service });
    expect(await m.registry!.metrics()).not.toContain('care_pipeline_');
    m.pipeline('send-message').stage('receive').record('success', 0.01, Date.now());
    const text = parseExposition(await m.registry!.metrics());
    m.registry!.setContentType('application/openmetrics-text; version=1.0.0; charset=utf-8' as never);
    const om = parseExposition(await m.registry!.metrics(), 'openmetrics');
    for (const [key, family] of Object.entries(PIPELINE_FAMILY_CONTRACT)) {
      const name = PIPELINE_METRICS[key as keyof typeof PIPELINE_METRICS];
      expect(text.types.get(name)).toBe(family.type);
      expect(om.types.get(family.type === 'counter' ? name.replace(/_total$/, '') : name)).toBe(family.type);
      const row = text.rows.find((r) => r.name === name || r.name === `${name}_count`)!;
      const labels = [...row.labels.keys()].filter((k) => k !== 'le').sort();
      expect(labels).toEqual([...family.labels].sort());
    }
  });

  it('refuses a pipeline or stage name that is not an identifier or that the PII guard flags, at creation', () => {
    const m = createCareMetrics({
      service,
      piiDetectors: [(v) => (v.includes('jansen') ? 'surname' : undefined)],
    });
    const p = m.pipeline('send-message');
    const refused = (f: () => unknown): HartslagError => {
      try {
        f();
      } catch (err) {
        return err as HartslagError;
      }
      throw new Error('not refused');
    };
    for (const bad of ['', 'Encrypt', 'encrypt message', '1-encrypt', 'x'.repeat(65), 'patient@example.org']) {
      const err = refused(() => p.stage(bad));
      expect(err).toBeInstanceOf(PipelineNameError);
      expect(err.code).toBe('HARTSLAG_ERR_PIPELINE_NAME');
      expect(err.message).toMatch(/^stage name must be 1 to 64 characters/);
    }
    expect(refused(() => p.stage(42 as never)).message).toBe(
      'stage name must be a string such as "encrypt", got number',
    );
    const pii = refused(() => p.stage('notify-jansen'));
    expect(pii.message).toMatch(/^stage name looked like "surname"/);
    expect(pii.message).not.toContain('notify-jansen');
    expect(refused(() => m.pipeline('Send Message')).message).toMatch(/^pipeline name must be/);
    // Nothing refused became a series.
    expect(m.instrumentationErrors).toBe(0);
  });

  it('never throws while recording: what cannot be recorded is counted, as recordCall counts it', async () => {
    const m = createCareMetrics({ service, ...quiet });
    const store = m.pipeline('send-message').stage('store');
    store.record('lost' as never, 0.1);
    store.record('success', Number.NaN);
    store.record('success', 0.1, 'yesterday' as never);
    store.record('success', 0.1, new Date('not a date'));
    store.record('success', 0.1, Number.NEGATIVE_INFINITY);
    store.queue(-1);
    store.queue('many' as never);
    store.queue(5, Symbol('t') as never);
    const s = parseSamples(await m.registry!.metrics());
    const errors = (reason: string) =>
      s.get(`care_instrumentation_errors_total{reason="${reason}",service="messaging"}`);
    expect(errors('outcome')).toBe(1);
    expect(errors('duration')).toBe(5);
    expect(errors('input')).toBe(2);
    const l = stageLabels('store');
    // The message with a bad duration or timestamp is still counted; the one with a bad outcome is not.
    expect(s.get(`care_pipeline_stage_calls_total{outcome="success",${l}}`)).toBe(4);
    expect(s.get(`care_pipeline_message_age_seconds_count{${l}}`)).toBe(0);
    expect(s.get(`care_pipeline_queue_depth{${l}}`)).toBe(5);
    expect(s.get(`care_pipeline_oldest_message_age_seconds{${l}}`)).toBe(0);
  });

  it('puts the pipeline series in the contract, for rules and dashboards', () => {
    for (const name of Object.values(PIPELINE_METRICS)) expect(definesSeries(name)).toBe(true);
    expect(definesSeries('care_pipeline_message_age_seconds_bucket')).toBe(true);
    expect(definesSeries('care_pipeline_stage_duration_seconds_count')).toBe(true);
    expect(definesSeries('acme_pipeline_queue_depth', 'acme')).toBe(true);
    expect(definesSeries('care_pipeline_queue_depth_bucket')).toBe(false);
  });
});

describe('pipeline stages through OpenTelemetry', () => {
  it('exports the same numbers as /metrics, the queue as gauges', async () => {
    const m = createCareMetrics({ service });
    const deliver = m.pipeline('send-message').stage('deliver');
    deliver.record('success', 0.3, Date.now() - 2_000);
    deliver.record('timeout', 5);
    deliver.queue(7, Date.now() - 1_000);
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({
      exporter,
      exportIntervalMillis: 3_600_000,
      metricProducers: [new CareMetricProducer(m)],
    });
    const provider = new MeterProvider({ readers: [reader] });
    const { resourceMetrics, errors } = await reader.collect();
    await provider.shutdown();
    expect(errors).toEqual([]);
    const metrics = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics);
    const instruments = pipelineOtelInstruments('care', pipelineNames('care'));
    const byName = new Map(metrics.map((d) => [d.descriptor.name, d]));
    const calls = byName.get(instruments.stageCalls.name)!;
    expect(calls.dataPointType).toBe(DataPointType.SUM);
    const value = (outcome: string) =>
      calls.dataPoints.find((p) => p.attributes.outcome === outcome && p.attributes.stage === 'deliver')!.value;
    expect(value('success')).toBe(1);
    expect(value('timeout')).toBe(1);
    const depth = byName.get(instruments.queueDepth.name)!;
    expect(depth.dataPointType).toBe(DataPointType.GAUGE);
    expect(depth.dataPoints[0]!.value).toBe(7);
    expect(depth.dataPoints[0]!.attributes).toEqual({ service, pipeline: 'send-message', stage: 'deliver' });
    const age = byName.get(instruments.messageAge.name)!;
    expect(age.dataPointType).toBe(DataPointType.HISTOGRAM);
    expect((age.dataPoints[0]!.value as { count: number }).count).toBe(1);
    expect(byName.get(instruments.oldestMessageAge.name)!.dataPoints[0]!.value).toBeGreaterThanOrEqual(1);
    expect(byName.get(instruments.stageDuration.name)!.dataPointType).toBe(DataPointType.HISTOGRAM);
  });

  it('leaves the pipeline instruments out for a service without pipelines', async () => {
    const m = createCareMetrics({ service });
    const { resourceMetrics } = await new CareMetricProducer(m).collect();
    const names = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics.map((d) => d.descriptor.name));
    expect(names.some((n) => n.includes('pipeline'))).toBe(false);
    expect(names).toContain('care.calls');
  });
});
