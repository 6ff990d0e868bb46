import { describe, expect, it } from 'vitest';
import type { Provider } from '../../src/config/Provider.js';
import { judgeProviders } from '../../src/state/providers.js';
import type { State } from '../../src/state/State.js';
import { useStatusApi } from '../routes/support.js';

const ehealth: Provider = {
  id: 'ehealth',
  name: 'het eHealth-platform',
  names: { nl: 'het eHealth-platform', en: 'the eHealth platform' },
  slos: ['call-ehealth'],
};
const video: Provider = {
  id: 'video',
  name: 'VideoVendor',
  slos: ['call-video-a'],
  backup: { name: 'BackupVideo', slos: ['call-video-b'] },
};

const states = (m: Record<string, State>) => (slos: readonly string[]) => m[slos[0]!] ?? 'unknown';

describe('judgeProviders', () => {
  it('says the provider fails, and that ours work, when its calls fail and there is no backup', () => {
    const v = judgeProviders([ehealth], states({ 'call-ehealth': 'major_outage' }), 'operational');
    expect(v).toEqual({
      floor: 'partial_outage',
      reasons: ['provider:ehealth:failing'],
      notes: [{ kind: 'provider_failing', provider: ehealth.names, oursWork: true }],
    });
  });

  it('does not claim ours work when our own SLOs are down too', () => {
    const v = judgeProviders([ehealth], states({ 'call-ehealth': 'partial_outage' }), 'major_outage');
    expect(v.notes).toEqual([{ kind: 'provider_failing', provider: ehealth.names, oursWork: false }]);
  });

  it('shows running on the backup as degraded, not as an outage', () => {
    const v = judgeProviders(
      [video],
      states({ 'call-video-a': 'major_outage', 'call-video-b': 'operational' }),
      'operational',
    );
    expect(v).toEqual({
      floor: 'degraded',
      reasons: ['provider:video:on_backup'],
      notes: [{ kind: 'on_backup', provider: 'VideoVendor', backup: 'BackupVideo' }],
    });
  });

  it('is an outage of the provider again when the backup fails too, or cannot be judged', () => {
    for (const backup of ['major_outage', 'unknown'] as const) {
      const v = judgeProviders(
        [video],
        states({ 'call-video-a': 'major_outage', 'call-video-b': backup }),
        'operational',
      );
      expect(v.floor).toBe('partial_outage');
      expect(v.reasons).toEqual(['provider:video:failing']);
    }
  });

  it('changes nothing for a working or unjudgeable provider, and passes a degraded one on', () => {
    for (const s of ['operational', 'unknown', 'maintenance'] as const) {
      expect(judgeProviders([ehealth], states({ 'call-ehealth': s }), 'operational')).toEqual({
        floor: undefined,
        reasons: [],
        notes: [],
      });
    }
    expect(judgeProviders([ehealth], states({ 'call-ehealth': 'degraded' }), 'operational').floor).toBe('degraded');
  });
});

describe('providers on the status board', () => {
  const api = useStatusApi();

  it('puts a component whose provider fails in partial outage, with the provider named in the reasons', async () => {
    const { app, board, source } = await api(
      {
        components: [
          { id: 'prescriptions', name: 'Voorschriften', slos: ['fetch-prescription'], providers: ['ehealth'] },
          { id: 'video-consult', name: 'Videoconsult', slos: ['start-video-call'], providers: ['video'] },
        ],
        providers: [ehealth, video],
      },
      ['fetch-prescription', 'start-video-call', 'call-ehealth', 'call-video-a', 'call-video-b'],
    );
    const outage = { outage: { active: true, seconds: 300, limit: 600 } };
    source.set({ 'call-ehealth': outage, 'call-video-a': outage });
    await board.refresh();
    const [prescriptions, videoConsult] = board.all();
    expect(prescriptions).toMatchObject({ state: 'partial_outage', reasons: ['provider:ehealth:failing'] });
    expect(videoConsult).toMatchObject({ state: 'degraded', reasons: ['provider:video:on_backup'] });
    const json = (await app.inject('/v1/components/video-consult')).json();
    expect(json.status).toBe('degraded');
    expect(json.reasons).toEqual(['provider:video:on_backup']);

    // A stale source says nothing about providers either: unknown, with the stale note.
    source.next = new Error('down');
    await board.refresh();
    expect(board.get('prescriptions')).toMatchObject({ state: 'unknown', notes: [{ kind: 'stale' }] });
  });

  it('says "too few calls to judge" for a component whose SLO holds too few calls, not "operational"', async () => {
    const { board, source } = await api(
      { components: [{ id: 'prescriptions', name: 'Voorschriften', slos: ['fetch-prescription'] }] },
      ['fetch-prescription'],
    );
    source.set({ 'fetch-prescription': { judgeable: false } });
    await board.refresh();
    expect(board.get('prescriptions')).toMatchObject({
      state: 'unknown',
      reasons: ['slo:fetch-prescription:too_few_calls'],
      notes: [{ kind: 'too_few_calls' }],
    });
    source.set({ 'fetch-prescription': { judgeable: true } });
    await board.refresh();
    expect(board.get('prescriptions')).toMatchObject({ state: 'operational', reasons: [], notes: [] });
  });

  it('says "collecting data" in the reasons, the JSON and the notes while an SLO holds too little of its window', async () => {
    const { app, board, source } = await api(
      { components: [{ id: 'prescriptions', name: 'Voorschriften', slos: ['fetch-prescription'] }] },
      ['fetch-prescription'],
    );
    const window = 30 * 86_400;
    source.set({ 'fetch-prescription': { coverage: { ratio: 0.05, window, collecting: true } } });
    await board.refresh();
    expect(board.get('prescriptions')).toMatchObject({
      state: 'operational',
      reasons: ['slo:fetch-prescription:collecting_data'],
      notes: [{ kind: 'collecting', coverage: 0.05, days: 30 }],
    });
    const json = (await app.inject('/v1/components/prescriptions')).json();
    expect(json.reasons).toEqual(['slo:fetch-prescription:collecting_data']);
    const page = (await app.inject('/?lang=en')).body;
    expect(page).toContain('Collecting data (5% of 30 days)');
    source.set({ 'fetch-prescription': { coverage: { ratio: 0.25, window, collecting: false } } });
    await board.refresh();
    expect(board.get('prescriptions')).toMatchObject({ state: 'operational', reasons: [], notes: [] });
  });
});
