import { afterEach } from 'vitest';
import { buildStatusApi, type SloFigures, type SourceReading, type StatusSource } from '../../src/index.js';

export const healthy = (slo: string): SloFigures => ({
  slo,
  budgetRemaining: 0.8,
  errorRatio5m: 0,
  outage: { active: false, seconds: 0, limit: 600 },
  silent: false,
  firing: [],
});

/** A source whose next reading (or failure) the test decides. */
export class ScriptedSource implements StatusSource {
  readonly kind = 'embedded' as const;
  next: (() => SourceReading) | Error;
  constructor(private readonly clock: { now: number }) {
    this.next = () => ({
      at: this.clock.now,
      slos: new Map([
        ['fetch-medication-history', healthy('fetch-medication-history')],
        ['register-dispensation', healthy('register-dispensation')],
      ]),
    });
  }
  async read(): Promise<SourceReading> {
    if (this.next instanceof Error) throw this.next;
    return this.next();
  }
}

export async function statusApi() {
  const clock = { now: Date.parse('2026-11-24T10:00:00Z') };
  const source = new ScriptedSource(clock);
  const { app, board } = await buildStatusApi({
    page: { name: 'Apotheek Datahub', url: 'https://status.example.nl' },
    components: [
      { id: 'medication-history', name: 'Medicatiehistorie', slos: ['fetch-medication-history'] },
      { id: 'dispensations', name: 'Verstrekkingen', slos: ['register-dispensation'], badgeLabel: 'verstrekkingen' },
    ],
    source,
    refreshMs: 15_000,
    now: () => clock.now,
  });
  await app.ready();
  return { app, board, source, clock };
}

/** A status API for one test, closed after it. */
export function useStatusApi() {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });
  return async () => {
    const s = await statusApi();
    close = () => s.app.close();
    return s;
  };
}
