import type { StatusStore } from '@hartslag/status-api';
import { INCIDENT_OPERATION } from './platformFaults.js';

/** The on-call engineer of the demo, as the status store's audit log names it. */
const ON_CALL = { name: 'demo on-call' };

/**
 * What the on-call engineer writes on the status page: an incident once the badge shows the
 * outage (people read the page for words, not only colours), resolved when the faults are gone.
 */
export class IncidentNotice {
  private open: number | undefined;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Pick<StatusStore, 'createIncident' | 'updateIncident'>,
    private readonly component: string,
    private readonly onError: (err: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get openIncident(): number | undefined {
    return this.open;
  }

  /** Opens the incident, unless one is open. */
  declare(): Promise<unknown> {
    return this.serial(async () => {
      if (this.open !== undefined) return;
      const incident = await this.store.createIncident(
        {
          title: {
            nl: 'Medicatiehistorie niet beschikbaar',
            en: 'Medication history unavailable',
            fr: 'Historique de médication indisponible',
            de: 'Medikationshistorie nicht verfügbar',
          },
          status: 'investigating',
          impact: 'major',
          components: [this.component],
          body: {
            nl: 'Het ophalen van de medicatiehistorie blijft hangen. We onderzoeken de oorzaak.',
            en: 'Fetching medication histories hangs. We are investigating.',
          },
        },
        ON_CALL,
        this.now(),
      );
      this.open = incident.id;
    });
  }

  /** Resolves the open incident, if any. */
  resolve(): Promise<unknown> {
    return this.serial(async () => {
      if (this.open === undefined) return;
      await this.store.updateIncident(
        this.open,
        {
          status: 'resolved',
          body: {
            nl: `Opgelost: ${INCIDENT_OPERATION} antwoordt weer. Een vastgelopen databaseverbinding is vervangen.`,
            en: `Resolved: ${INCIDENT_OPERATION} answers again. A stuck database connection was replaced.`,
          },
        },
        ON_CALL,
        this.now(),
      );
      this.open = undefined;
    });
  }

  /** Waits for writes under way. */
  settle(): Promise<unknown> {
    return this.writing;
  }

  private serial(write: () => Promise<void>): Promise<unknown> {
    this.writing = this.writing.then(write).catch(this.onError);
    return this.writing;
  }
}
