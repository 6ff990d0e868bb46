import { describe, expect, it } from 'vitest';
import { morningShape } from '../../src/shapes/morning.js';
import { peak, phaseRate, phases, sessions, shapeSessions } from '../../src/shapes/phases.js';
import type { Shape } from '../../src/shapes/Shape.js';
import { steadyDayShape } from '../../src/shapes/steadyDay.js';

const shapes: [string, Shape][] = [
  ['the full morning', morningShape(3000, 1)],
  ['the smoke morning', morningShape(200, 720)],
  ['the hour-long day', steadyDayShape(3000, 24)],
  ['the smoke day', steadyDayShape(200, 2400)],
];

describe.each(shapes)('phases of %s', (_, shape) => {
  const list = phases(shape);

  it('are at most 20, of whole seconds, adding up to the run', () => {
    expect(list.length).toBeLessThanOrEqual(20);
    for (const p of list) expect(Number.isInteger(p.duration) && p.duration > 0).toBe(true);
    expect(list.reduce((n, p) => n + p.duration, 0)).toBe(shape.duration);
  });

  it('start the same sessions as the shape, within 3%', () => {
    expect(sessions(list) / shapeSessions(shape)).toBeGreaterThan(0.97);
    expect(sessions(list) / shapeSessions(shape)).toBeLessThan(1.03);
  });

  it('stay within 10% of the peak rate of the shape everywhere', () => {
    const top = peak(shape);
    for (let t = 0; t < shape.duration; t += Math.max(1, Math.floor(shape.duration / 500))) {
      expect(Math.abs(phaseRate(list, t) - shape.rate(t))).toBeLessThan(0.1 * top);
    }
  });

  it('join up: each phase starts where the previous one ended', () => {
    for (let i = 1; i < list.length; i++) {
      const before = list[i - 1]!;
      expect(list[i]!.arrivalRate).toBeCloseTo(before.rampTo ?? before.arrivalRate, 2);
    }
  });
});

describe('phases', () => {
  it('follow a straight ramp with one phase', () => {
    const ramp: Shape = { duration: 100, rate: (t) => t / 10, breaks: [] };
    expect(phases(ramp)).toEqual([{ duration: 100, arrivalRate: 0, rampTo: 10 }]);
  });

  it('split where the shape bends most, up to the limit given', () => {
    const vee: Shape = { duration: 100, rate: (t) => Math.abs(t - 40), breaks: [] };
    expect(phases(vee)).toEqual([
      { duration: 40, arrivalRate: 40, rampTo: 0 },
      { duration: 60, arrivalRate: 0, rampTo: 60 },
    ]);
    expect(phases(morningShape(3000, 1), { maxPhases: 5 })).toHaveLength(5);
  });
});
