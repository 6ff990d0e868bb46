import type { Component } from '../config/Component.js';
import type { Provider } from '../config/Provider.js';
import { buildStatusApi, type StatusApi } from '../server/buildStatusApi.js';
import type { SloFigures, SourceReading, StatusSource } from '../state/State.js';
import { openStore } from '../store/openStore.js';
import { seedHistory } from './seedHistory.js';

const DAY = 86_400_000;

export const SHOWCASE_COMPONENTS: Component[] = [
  {
    id: 'medication-history',
    name: 'Medicatiehistorie',
    names: {
      nl: 'Medicatiehistorie',
      fr: 'Historique de médication',
      en: 'Medication history',
      de: 'Medikationshistorie',
    },
    slos: ['fetch-medication-history'],
    badgeLabel: 'medicatie',
  },
  {
    id: 'dispensations',
    name: 'Verstrekkingen registreren',
    names: {
      nl: 'Verstrekkingen registreren',
      fr: 'Enregistrer les délivrances',
      en: 'Register dispensations',
      de: 'Abgaben registrieren',
    },
    slos: ['register-dispensation'],
  },
  {
    id: 'prescriptions',
    name: 'Voorschriften ophalen',
    names: {
      nl: 'Voorschriften ophalen',
      fr: 'Récupérer les prescriptions',
      en: 'Fetch prescriptions',
      de: 'Rezepte abrufen',
    },
    slos: ['fetch-prescription'],
    providers: ['ehealth'],
  },
  {
    id: 'video-consult',
    name: 'Videoconsult',
    names: { nl: 'Videoconsult', fr: 'Vidéoconsultation', en: 'Video consultation', de: 'Videosprechstunde' },
    slos: ['start-video-call'],
    providers: ['video'],
  },
];

export const SHOWCASE_PROVIDERS: Provider[] = [
  {
    id: 'ehealth',
    name: 'het eHealth-platform',
    names: {
      nl: 'het eHealth-platform',
      fr: 'la plateforme eHealth',
      en: 'the eHealth platform',
      de: 'die eHealth-Plattform',
    },
    slos: ['call-ehealth'],
  },
  {
    id: 'video',
    name: 'VideoVendor',
    slos: ['call-video-primary'],
    backup: { name: 'BackupVideo', slos: ['call-video-backup'] },
  },
];

/** Figures the showcase's source reports; tests and the demo change them. */
export class ShowcaseSource implements StatusSource {
  readonly kind = 'embedded' as const;
  readonly figures = new Map<string, SloFigures>();
  failing = false;

  constructor(private readonly now: () => number) {
    for (const slo of [
      'fetch-medication-history',
      'register-dispensation',
      'fetch-prescription',
      'start-video-call',
      'call-ehealth',
      'call-video-primary',
      'call-video-backup',
    ]) {
      this.figures.set(slo, {
        slo,
        budgetRemaining: 0.93,
        errorRatio5m: 0.0004,
        outage: { active: false, seconds: 0, limit: 600 },
        silent: false,
        callRate: 20,
        firing: [],
      });
    }
  }

  set(slo: string, over: Partial<SloFigures>): void {
    this.figures.set(slo, { ...this.figures.get(slo)!, ...over });
  }

  async read(): Promise<SourceReading> {
    if (this.failing) throw new Error('showcase source switched off');
    return { at: this.now(), slos: new Map([...this.figures].map(([k, v]) => [k, { ...v }])) };
  }
}

/**
 * A status API with a believable past and present: five weeks of pharmacy traffic, 90 days of
 * states with two outages, a resolved and an open incident in four languages, maintenance
 * scheduled, the video vendor failed over to its backup. For screenshots, browser tests and the
 * demo; everything in an in-memory SQLite store unless a store path is given.
 */
export async function buildShowcase(
  options: { now?: () => number; sqlitePath?: string } = {},
): Promise<StatusApi & { source: ShowcaseSource }> {
  const now = options.now ?? Date.now;
  const t = now();
  const store = await openStore({ sqlitePath: options.sqlitePath ?? ':memory:' });
  await seedHistory(store, {
    now: t,
    timeZone: 'Europe/Amsterdam',
    components: [
      { id: 'medication-history', peak: 45 },
      { id: 'dispensations', peak: 30 },
      { id: 'prescriptions', peak: 25 },
      { id: 'video-consult', peak: 4 },
    ],
    outages: [
      { component: 'medication-history', at: t - 12 * DAY, minutes: 9, state: 'major_outage' },
      { component: 'dispensations', at: t - 40 * DAY, minutes: 35, state: 'partial_outage' },
    ],
  });
  const ops = { name: 'showcase' };
  const past = await store.createIncident(
    {
      title: {
        nl: 'Medicatiehistorie niet bereikbaar',
        fr: 'Historique de médication indisponible',
        en: 'Medication history unavailable',
        de: 'Medikationshistorie nicht erreichbar',
      },
      status: 'investigating',
      impact: 'critical',
      components: ['medication-history'],
      body: {
        nl: 'Apotheken kunnen de medicatiehistorie niet ophalen. We onderzoeken de oorzaak.',
        en: 'Pharmacies cannot fetch medication histories. We are investigating.',
      },
    },
    ops,
    t - 12 * DAY,
  );
  await store.updateIncident(
    past.id,
    {
      status: 'resolved',
      body: {
        nl: 'Opgelost na 9 minuten: een databaseknooppunt is vervangen.',
        en: 'Resolved after 9 minutes: a database node was replaced.',
      },
    },
    ops,
    t - 12 * DAY + 9 * 60_000,
  );
  await store.createIncident(
    {
      title: {
        nl: 'Videoconsulten via reserveleverancier',
        fr: 'Vidéoconsultations via le fournisseur de secours',
        en: 'Video consultations on the backup provider',
        de: 'Videosprechstunden über den Ersatzanbieter',
      },
      status: 'identified',
      impact: 'minor',
      components: ['video-consult'],
      body: {
        nl: 'VideoVendor heeft een storing; gesprekken lopen via BackupVideo. Beeldkwaliteit kan lager zijn.',
        en: 'VideoVendor has an outage; calls run through BackupVideo. Picture quality may be lower.',
      },
    },
    ops,
    t - 25 * 60_000,
  );
  const start = t + 2 * DAY;
  await store.scheduleMaintenance(
    {
      title: { nl: 'Gepland onderhoud verstrekkingen', en: 'Planned maintenance: dispensations' },
      body: {
        nl: 'Registreren van verstrekkingen is 20 minuten niet mogelijk.',
        en: 'Registering dispensations is unavailable for 20 minutes.',
      },
      components: ['dispensations'],
      startsAt: start,
      endsAt: start + 20 * 60_000,
    },
    ops,
    t,
  );

  const source = new ShowcaseSource(now);
  source.set('call-video-primary', { outage: { active: true, seconds: 1500, limit: 600 }, errorRatio5m: 1 });
  const api = await buildStatusApi({
    page: { name: 'Apotheek Datahub', timeZone: 'Europe/Amsterdam' },
    components: SHOWCASE_COMPONENTS,
    providers: SHOWCASE_PROVIDERS,
    source,
    store,
    now,
    rateLimit: false,
    closeStore: true,
  });
  return { ...api, source };
}
