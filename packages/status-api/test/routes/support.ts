import { afterEach } from 'vitest';
import { hashToken } from '../../src/auth/tokens.js';
import {
  buildStatusApi,
  type SloFigures,
  type SourceReading,
  type StatusApiOptions,
  type StatusSource,
} from '../../src/index.js';

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
  constructor(
    private readonly clock: { now: number },
    slos: string[] = ['fetch-medication-history', 'register-dispensation'],
  ) {
    this.next = () => ({ at: this.clock.now, slos: new Map(slos.map((s) => [s, healthy(s)])) });
  }
  /** Every SLO healthy except the ones given. */
  set(over: Record<string, Partial<SloFigures>>): void {
    const base = this.next;
    if (base instanceof Error) throw new Error('set() after a failure');
    const now = base();
    this.next = () => ({
      at: this.clock.now,
      slos: new Map(
        [...now.slos.keys(), ...Object.keys(over)].map((s) => [s, { ...healthy(s), ...(over[s] ?? {}) }] as const),
      ),
    });
  }
  async read(): Promise<SourceReading> {
    if (this.next instanceof Error) throw this.next;
    return this.next();
  }
}

/** Tokens the tests present, and their configured digests. */
export const TOKENS = {
  ops: 'ops-token-0123456789abcdefghijklmnopqrstuvwxyz',
  reader: 'audit-token-0123456789abcdefghijklmnopqrstuvwx',
};

export async function statusApi(over: Partial<StatusApiOptions> = {}, slos?: string[]) {
  const clock = { now: Date.parse('2026-11-24T10:00:00Z') };
  const source = new ScriptedSource(clock, slos);
  const { app, board, store } = await buildStatusApi({
    page: { name: 'Apotheek Datahub', url: 'https://status.example.nl' },
    components: [
      { id: 'medication-history', name: 'Medicatiehistorie', slos: ['fetch-medication-history'] },
      { id: 'dispensations', name: 'Verstrekkingen', slos: ['register-dispensation'], badgeLabel: 'verstrekkingen' },
    ],
    source,
    refreshMs: 15_000,
    now: () => clock.now,
    tokens: [
      { name: 'ops-team', sha256: hashToken(TOKENS.ops), scopes: ['incidents:write', 'maintenance:write'] },
      { name: 'auditor', sha256: hashToken(TOKENS.reader), scopes: ['audit:read'] },
    ],
    ...over,
  });
  await app.ready();
  return { app, board, store, source, clock };
}

/** A status API for one test, closed after it. */
export function useStatusApi() {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });
  return async (over: Partial<StatusApiOptions> = {}, slos?: string[]) => {
    const s = await statusApi(over, slos);
    close = () => s.app.close();
    return s;
  };
}

export const auth = (token: string) => ({ authorization: `Bearer ${token}` });
