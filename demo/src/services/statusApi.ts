import { rmSync } from 'node:fs';
import type { SloEvaluator } from '@hartslag/metrics';
import { OPERATION_SHARES, PHARMACY_TIME_ZONE } from '@hartslag/scenarios';
import {
  buildStatusApi,
  type Component,
  EmbeddedSource,
  openStore,
  type StatusApi,
  type StatusSource,
} from '@hartslag/status-api';
import { SHOWCASE_COMPONENTS, seedHistory } from '@hartslag/status-api/demo';
import type { SimClock } from '../clock/SimClock.js';
import { DEMO_PROVIDERS } from '../probes/providerProbe.js';
import type { PartnerAccess } from './partnerAccess.js';
import { isAddressInUse, portBusy } from './ports.js';

export const TIME_ZONE = PHARMACY_TIME_ZONE;
export const PAGE_NAME = 'Apotheek Datahub';

/** How often the status API reads the evaluator, ms; the evaluator ticks as often. */
export const REFRESH_MS = 5_000;

const DAY = 86_400_000;

function showcase(id: string): Component {
  const c = SHOWCASE_COMPONENTS.find((s) => s.id === id)!;
  // Only the providers the demo probes can be judged (probes/providerProbe.ts).
  const { providers, ...rest } = c;
  const probed = (providers ?? []).filter((p) => DEMO_PROVIDERS.some((d) => d.id === p));
  return probed.length === 0 ? rest : { ...rest, providers: probed };
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
  'medication-history': OPERATION_SHARES['fetch-medication-history'],
  dispensations: OPERATION_SHARES['register-dispensation'],
  prescriptions: OPERATION_SHARES['fetch-prescription'],
  messaging: OPERATION_SHARES['send-message'],
  login: 0.02,
};

export interface StatusApiStart {
  evaluator: SloEvaluator;
  sqlitePath: string;
  port: number;
  /** The platform's peak calls per second, for the seeded volume. */
  peak: number;
  /** The demo's clock: the page, badge, history and incidents run on simulated time. */
  clock: SimClock;
  /** A partner's token and view (partnerAccess.ts). */
  partner?: Pick<PartnerAccess, 'tokens' | 'partners'>;
}

/**
 * The status API on a fresh SQLite file, reading the in-process evaluator, with 90 days of uptime
 * and five weeks of call volume seeded so the page has a past: two old outages, else operational.
 */
export async function startStatusApi(options: StatusApiStart): Promise<StatusApi & { url: string }> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${options.sqlitePath}${suffix}`, { force: true });
  const { clock } = options;
  // The seeded past ends where the simulated day begins; live readings continue it.
  const now = clock.at(clock.startedAt).instant;
  const simNow = () => clock.at(Date.now()).instant;
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
    providers: DEMO_PROVIDERS,
    source: onClock(new EmbeddedSource(options.evaluator), clock),
    store,
    closeStore: true,
    refreshMs: REFRESH_MS,
    // Reading and ticking drift apart by up to one interval each; in simulated ms, as `now` is.
    staleAfterMs: clock.simulated(3 * REFRESH_MS),
    now: simNow,
    ...(options.partner === undefined ? {} : options.partner),
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

/** A source whose readings are dated on the demo's clock: the evaluator dates them in real time. */
function onClock(source: StatusSource, clock: SimClock): StatusSource {
  return {
    kind: source.kind,
    read: async () => {
      const reading = await source.read();
      return { ...reading, at: clock.at(reading.at).instant };
    },
  };
}
