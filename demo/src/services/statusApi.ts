import { rmSync } from 'node:fs';
import type { SloEvaluator } from '@hartslag/metrics';
import {
  buildStatusApi,
  type Component,
  EmbeddedSource,
  openStore,
  SHOWCASE_COMPONENTS,
  type StatusApi,
  seedHistory,
} from '@hartslag/status-api';
import { MIX } from '../traffic/curve.js';
import { isAddressInUse, portBusy } from './ports.js';

export const TIME_ZONE = 'Europe/Amsterdam';
export const PAGE_NAME = 'Apotheek Datahub';

/** How often the status API reads the evaluator, ms; the evaluator ticks as often. */
export const REFRESH_MS = 5_000;

const DAY = 86_400_000;

function showcase(id: string): Component {
  const c = SHOWCASE_COMPONENTS.find((s) => s.id === id)!;
  // The demo has no outside providers to judge.
  const { providers: _providers, ...rest } = c;
  return rest;
}

/** The platform's operations as the public sees them, each on its availability SLO. */
export const DEMO_COMPONENTS: Component[] = [
  showcase('medication-history'),
  showcase('dispensations'),
  showcase('prescriptions'),
  {
    id: 'messaging',
    name: 'Berichten versturen',
    names: { nl: 'Berichten versturen', en: 'Send messages', fr: 'Envoyer des messages', de: 'Nachrichten senden' },
    slos: ['send-message'],
  },
  {
    id: 'login',
    name: 'Inloggen zorgverleners',
    names: {
      nl: 'Inloggen zorgverleners',
      en: 'Care provider log-in',
      fr: 'Connexion des prestataires',
      de: 'Anmeldung Leistungserbringer',
    },
    slos: ['provider-login'],
  },
];

/** Each component's share of the calls, for its seeded volume. */
const SHARE: Record<string, number> = {
  'medication-history': MIX['fetch-medication-history'],
  dispensations: MIX['register-dispensation'],
  prescriptions: MIX['fetch-prescription'],
  messaging: MIX['send-message'],
  login: 0.02,
};

export interface StatusApiStart {
  evaluator: SloEvaluator;
  sqlitePath: string;
  port: number;
  /** The platform's peak calls per second, for the seeded volume. */
  peak: number;
  now?: number;
}

/**
 * The status API on a fresh SQLite file, reading the in-process evaluator, with 90 days of uptime
 * and five weeks of call volume seeded so the page has a past: two old outages, else operational.
 */
export async function startStatusApi(options: StatusApiStart): Promise<StatusApi & { url: string }> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${options.sqlitePath}${suffix}`, { force: true });
  const now = options.now ?? Date.now();
  const store = await openStore({ sqlitePath: options.sqlitePath });
  try {
    await seedHistory(store, {
      now,
      timeZone: TIME_ZONE,
      components: DEMO_COMPONENTS.map((c) => ({ id: c.id, peak: options.peak * (SHARE[c.id] ?? 0.1) })),
      outages: [
        { component: 'medication-history', at: now - 12 * DAY, minutes: 9, state: 'major_outage' },
        { component: 'dispensations', at: now - 40 * DAY, minutes: 35, state: 'partial_outage' },
      ],
    });
  } catch (err) {
    await store.close();
    throw err;
  }
  const api = await buildStatusApi({
    page: { name: PAGE_NAME, timeZone: TIME_ZONE },
    components: DEMO_COMPONENTS,
    source: new EmbeddedSource(options.evaluator),
    store,
    closeStore: true,
    refreshMs: REFRESH_MS,
    // Reading and ticking drift apart by up to one interval each.
    staleAfterMs: 3 * REFRESH_MS,
  });
  try {
    await api.app.listen({ host: '127.0.0.1', port: options.port });
  } catch (err) {
    await api.app.close();
    throw isAddressInUse(err) ? portBusy('status', options.port, err) : err;
  }
  const { port } = api.app.server.address() as { port: number };
  return { ...api, url: `http://127.0.0.1:${port}` };
}
