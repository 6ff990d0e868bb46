import { vi } from 'vitest';
import type { openSqliteSloHistory } from '../../../src/history-sqlite.js';
import { type CareMetrics, createCareMetrics, createSloEvaluator, type SloObjective } from '../../../src/index.js';
import { DAY, MONDAY, TICK } from '../simulation.js';

/** 99% of messages delivered within a minute of being sent, over a day. */
export const FRESH: SloObjective = {
  name: 'messages-delivered-fresh',
  freshness: { pipeline: 'send-message', stage: 'deliver', within: 60 },
  objective: 0.99,
  window: DAY,
};

/** The one fake clock: message ages come from Date.now(), so the evaluator and the stage read it alike. */
const clock = { now: MONDAY };

/** Call in beforeEach: Date is faked at Monday, as the evaluator's clock; undo with vi.useRealTimers(). */
export function startClock(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  clock.now = MONDAY;
  vi.setSystemTime(clock.now);
}

export function freshService(objectives: SloObjective[] = [FRESH], history?: ReturnType<typeof openSqliteSloHistory>) {
  const metrics = createCareMetrics({ service: 'messaging', registry: false });
  const slo = createSloEvaluator(metrics, objectives, {
    now: () => clock.now,
    autoStart: false,
    ...(history === undefined ? {} : { history }),
  });
  slo.tick();
  return { metrics, slo };
}

/** Delivers messages of the given ages (seconds) at `stage`, then moves the clock one tick and ticks. */
export function deliver(s: { metrics: CareMetrics; slo: { tick(): void } }, ages: number[], stage = 'deliver'): void {
  clock.now += TICK * 1000;
  vi.setSystemTime(clock.now);
  const handle = s.metrics.pipeline('send-message').stage(stage);
  for (const age of ages) handle.record('success', 0.01, clock.now - age * 1000);
  s.slo.tick();
}

export const times = (n: number, age: number) => Array.from({ length: n }, () => age);
