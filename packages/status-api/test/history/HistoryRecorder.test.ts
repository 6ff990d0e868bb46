import { describe, expect, it } from 'vitest';
import { HistoryRecorder, VOLUME_BUCKET_MS } from '../../src/history/HistoryRecorder.js';
import type { StateMinute, VolumePoint } from '../../src/incidents/model.js';
import type { SourceReading, State } from '../../src/state/State.js';
import type { ComponentStatus } from '../../src/state/StatusBoard.js';
import { healthy } from '../routes/support.js';

const T0 = Date.parse('2026-11-24T10:00:00Z');
const component = { id: 'medication-history', name: 'Medicatiehistorie', slos: ['fetch-medication-history'] };

function status(state: State): ComponentStatus {
  return { component, state, reasons: [], notes: [], since: T0 };
}
function reading(rate: number | undefined): SourceReading {
  const f = healthy('fetch-medication-history');
  return { at: T0, slos: new Map([['fetch-medication-history', rate === undefined ? f : { ...f, callRate: rate }]]) };
}

function recorder() {
  const states: StateMinute[] = [];
  const volume: VolumePoint[] = [];
  const r = new HistoryRecorder({
    recordStates: async (rows) => void states.push(...rows),
    recordVolume: async (rows) => void volume.push(...rows),
  });
  return { r, states, volume };
}

describe('HistoryRecorder', () => {
  it('keeps the worst state seen in a minute and writes it once the minute is over', async () => {
    const { r, states } = recorder();
    await r.observe([status('operational')], reading(5), T0);
    await r.observe([status('major_outage')], reading(5), T0 + 15_000);
    await r.observe([status('operational')], reading(5), T0 + 45_000);
    expect(states).toEqual([]);
    await r.observe([status('operational')], reading(5), T0 + 60_000);
    expect(states).toEqual([{ component: 'medication-history', minute: T0, state: 'major_outage' }]);
    await r.flush();
    expect(states[1]).toEqual({ component: 'medication-history', minute: T0 + 60_000, state: 'operational' });
  });

  it('averages the call rate over each 5-minute bucket and skips readings without one', async () => {
    const { r, volume } = recorder();
    await r.observe([status('operational')], reading(10), T0);
    await r.observe([status('operational')], reading(20), T0 + 60_000);
    await r.observe([status('operational')], reading(undefined), T0 + 120_000);
    await r.observe([status('unknown')], undefined, T0 + 180_000);
    await r.observe([status('operational')], reading(40), T0 + VOLUME_BUCKET_MS);
    expect(volume).toEqual([{ component: 'medication-history', at: T0, rate: 15 }]);
  });
});
