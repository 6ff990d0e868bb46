import { createCareMetrics, createSloEvaluator, type SloObjective } from '@hartslag/metrics';
import { describe, expect, it } from 'vitest';
import type { Component } from '../../src/config/Component.js';
import { EmbeddedSource } from '../../src/source/EmbeddedSource.js';
import { useStatusApi } from './support.js';

const api = useStatusApi();
/** A vendor name as hostile as a label value may be: it reaches the page only escaped. */
const HOSTILE = '<script>alert("x")</script> & Co';
const BY_VENDOR: SloObjective = {
  name: 'by-vendor',
  objective: 0.99,
  window: 30 * 86_400,
  groupBy: { label: 'vendor', top: 2 },
};
const COMPONENTS: Component[] = [
  { id: 'vendor-medi-sys', name: 'Medi-Sys', slos: ['by-vendor'], group: 'medi-sys' },
  { id: 'vendor-hostile', name: 'Apotheek & Co', slos: ['by-vendor'], group: HOSTILE },
  { id: 'vendor-other', name: 'Other vendors', slos: ['by-vendor'], group: '__other__' },
  { id: 'all-vendors', name: 'All vendors', slos: ['by-vendor'] },
];

/** An hour of calls judged by a real evaluator: medi-sys fails half its calls, the others none. */
function evaluated(clock: { now: number }) {
  const metrics = createCareMetrics({ service: 'medication-history', registry: false });
  const evaluator = createSloEvaluator(metrics, [BY_VENDOR], { now: () => clock.now, autoStart: false });
  evaluator.tick();
  const mix: Record<string, [number, number]> = { 'medi-sys': [5, 5], [HOSTILE]: [20, 0], kleinsoft: [2, 0] };
  for (let k = 0; k < 120; k++) {
    clock.now += 30_000;
    for (const [vendor, [ok, failed]] of Object.entries(mix)) {
      const call = { operation: 'fetch-medication-history', tenant: `pharmacy-${k % 3}-${ok}`, vendor };
      for (let i = 0; i < ok; i++) metrics.recordCall({ ...call, outcome: 'success', code: 200 });
      for (let i = 0; i < failed; i++) metrics.recordCall({ ...call, outcome: 'server_error', code: 503 });
    }
    evaluator.tick();
  }
  return evaluator;
}

async function groupedApi() {
  const clock = { now: Date.parse('2026-11-24T09:00:00Z') };
  const evaluator = evaluated(clock);
  const s = await api({
    components: COMPONENTS,
    source: new EmbeddedSource(evaluator, () => clock.now),
    now: () => clock.now,
  });
  await s.board.refresh();
  return s;
}

describe('grouped SLOs as status components', () => {
  it('judges a component naming a group by that group alone, and one without a group by the worst group', async () => {
    const { app } = await groupedApi();
    const res = await app.inject('/v1/status');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { components: { id: string; group?: string; status: string }[] };
    const state = new Map(body.components.map((c) => [c.id, c.status]));
    expect(state.get('vendor-hostile')).toBe('operational');
    expect(state.get('vendor-other')).toBe('operational');
    expect(state.get('vendor-medi-sys')).not.toBe('operational');
    expect(state.get('vendor-medi-sys')).not.toBe('unknown');
    expect(state.get('all-vendors')).toBe(state.get('vendor-medi-sys'));
    expect(body.components.find((c) => c.id === 'vendor-hostile')?.group).toBe(HOSTILE);
    expect(body.components.find((c) => c.id === 'all-vendors')?.group).toBeUndefined();
  });

  it('shows one component per group on the page, the group name escaped', async () => {
    const { app } = await groupedApi();
    const page = (await app.inject('/')).body;
    for (const c of COMPONENTS) expect(page).toContain(`id="component-${c.id}"`);
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
  });
});
