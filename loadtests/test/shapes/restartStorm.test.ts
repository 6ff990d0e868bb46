import { describe, expect, it } from 'vitest';
import { phases, sessions } from '../../src/shapes/phases.js';
import { type RestartStormOptions, restartStormStages, stagesShape } from '../../src/shapes/restartStorm.js';

const full: RestartStormOptions = {
  peakUsers: 3000,
  backlog: 200_000,
  messagesPerSession: 20,
  timeScale: 1,
  jitter: false,
};
const byName = (o: RestartStormOptions) => Object.fromEntries(restartStormStages(o).map((s) => [s.name, s]));

describe('the restart storm', () => {
  it('runs warm, downstream down, restart, reconnect and drain, back to back', () => {
    const stages = restartStormStages(full);
    expect(stages.map((s) => s.name)).toEqual(['warm', 'downstream-down', 'restart', 'reconnect', 'drain']);
    for (let i = 1; i < stages.length; i++) {
      expect(stages[i]!.start).toBe(stages[i - 1]!.start + stages[i - 1]!.duration);
    }
  });

  it('builds the backlog from sessions while the downstream is down', () => {
    const down = byName(full)['downstream-down']!;
    expect(down.faults).toEqual({ downstreamDown: true });
    expect(down.rate * down.duration * full.messagesPerSession).toBeCloseTo(200_000, -2);
  });

  it('asks the driver to restart the service and sends no new sessions while it is down', () => {
    const restart = byName(full).restart!;
    expect(restart.action).toBe('restart');
    expect(restart.rate).toBe(0);
  });

  it('brings every client back within one second without backoff', () => {
    const reconnect = byName(full).reconnect!;
    expect(reconnect.duration).toBe(1);
    expect(reconnect.rate * reconnect.duration).toBe(3000);
  });

  it('spreads the same clients over the jitter window with jittered backoff', () => {
    const reconnect = byName({ ...full, jitter: true }).reconnect!;
    expect(reconnect.duration).toBe(60);
    expect(reconnect.rate * reconnect.duration).toBeCloseTo(3000, 6);
  });

  it('takes its backlog and peak users from the scale: the CI smoke run is a tenth', () => {
    const smoke = byName({ ...full, peakUsers: 200, backlog: 20_000, timeScale: 6 });
    const down = smoke['downstream-down']!;
    expect(down.rate * down.duration * 20).toBeCloseTo(20_000, -1);
    expect(smoke.reconnect!.rate).toBe(200);
    const stages = restartStormStages({ ...full, peakUsers: 200, backlog: 20_000, timeScale: 6, jitter: true });
    const last = stages[stages.length - 1]!;
    expect(last.start + last.duration).toBeLessThanOrEqual(45);
  });

  it('keeps its jumps as phase boundaries, so the herd arrives within its second', () => {
    const shape = stagesShape(restartStormStages(full));
    const list = phases(shape);
    expect(list.map((p) => p.duration)).toEqual(restartStormStages(full).map((s) => s.duration));
    expect(list[3]).toEqual({ duration: 1, arrivalRate: 3000 });
    expect(sessions(list)).toBeCloseTo(10 + 10_000 + 3000 + 20, -1);
  });
});
