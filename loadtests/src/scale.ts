import { LoadtestError } from './errors.js';

export type Profile = 'smoke' | 'full';
export const PROFILES: readonly Profile[] = ['smoke', 'full'];

/** How big and how fast a run is. One scenario serves a CI smoke run and a full-scale test. */
export interface Scale {
  profile: Profile;
  /** Care providers who log in during the morning quarter of an hour (HARTSLAG_PEAK_USERS). */
  peakUsers: number;
  /** Messages queued while the downstream is down in the restart storm (HARTSLAG_BACKLOG). */
  backlog: number;
  /** Seconds of scenario time per second of test (HARTSLAG_TIME_SCALE); undefined: the scenario's default. */
  timeScale?: number;
}

/** Defaults per profile: smoke fits a CI job on two cores shared with the platform (each scenario
 * ≤ ~40 s, peaks of ~80 sessions/s), full is the real morning. */
export const PROFILE_DEFAULTS: Readonly<Record<Profile, Omit<Scale, 'timeScale'>>> = {
  smoke: { profile: 'smoke', peakUsers: 100, backlog: 20_000 },
  full: { profile: 'full', peakUsers: 3000, backlog: 200_000 },
};

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The scale of a run from the environment: HARTSLAG_PROFILE (smoke|full, default full) picks the
 * defaults, HARTSLAG_PEAK_USERS, HARTSLAG_BACKLOG and HARTSLAG_TIME_SCALE override them.
 */
export function readScale(env: Env = process.env): Scale {
  const profileText = env.HARTSLAG_PROFILE ?? 'full';
  if (!PROFILES.includes(profileText as Profile)) {
    throw new LoadtestError(
      'HARTSLAG_ERR_LOADTEST_SCALE',
      `HARTSLAG_PROFILE must be smoke or full, got ${JSON.stringify(profileText)}`,
    );
  }
  const base = PROFILE_DEFAULTS[profileText as Profile];
  const peakUsers = readNumber(env, 'HARTSLAG_PEAK_USERS', { integer: true });
  const backlog = readNumber(env, 'HARTSLAG_BACKLOG', { integer: true });
  const timeScale = readNumber(env, 'HARTSLAG_TIME_SCALE', { integer: false });
  return {
    ...base,
    ...(peakUsers !== undefined ? { peakUsers } : {}),
    ...(backlog !== undefined ? { backlog } : {}),
    ...(timeScale !== undefined ? { timeScale } : {}),
  };
}

function readNumber(env: Env, name: string, { integer }: { integer: boolean }): number | undefined {
  const text = env[name];
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new LoadtestError(
      'HARTSLAG_ERR_LOADTEST_SCALE',
      `${name} must be a positive ${integer ? 'whole number' : 'number'}, got ${JSON.stringify(text)} (e.g. ${name}=${integer ? '3000' : '60'})`,
    );
  }
  return value;
}
