import type { Provider } from '../config/Provider.js';
import type { Texts } from '../incidents/model.js';
import { STATE_RANK } from './deriveState.js';
import type { State } from './State.js';

/**
 * Why a component is in its state, beyond the state: the page turns each into a sentence in the
 * reader's language.
 */
export type Note =
  /**
   * A provider we call (e.g. the eHealth platform) fails. `oursWork` (default true): our own SLOs
   * are fine, so the page may say the problem is on the provider's side.
   */
  | { kind: 'provider_failing'; provider: string | Texts; oursWork?: boolean }
  /** Calls to `provider` go to `backup` instead. */
  | { kind: 'on_backup'; provider: string | Texts; backup: string | Texts }
  /** No recent measurement: the state may be out of date. */
  | { kind: 'stale' }
  /** Too few calls lately to judge by: unknown, not operational. */
  | { kind: 'too_few_calls' }
  /** The history holds `coverage` (0–1) of an SLO window of `days` days: "collecting data". */
  | { kind: 'collecting'; coverage: number; days: number }
  /** Declared maintenance, until ms since the epoch. */
  | { kind: 'maintenance'; until: number };

export interface ProviderVerdict {
  /** The least state the component shows because of its providers. */
  floor: State | undefined;
  reasons: string[];
  notes: Note[];
}

/*
 * | primary provider's state              | backup               | component at least | reason                      |
 * | ------------------------------------- | -------------------- | ------------------ | --------------------------- |
 * | partial_outage or major_outage        | operational          | degraded           | `provider:<id>:on_backup`   |
 * | partial_outage or major_outage        | none, or not working | partial_outage     | `provider:<id>:failing`     |
 * | degraded                              | —                    | degraded           | `provider:<id>:degraded`    |
 * | operational, unknown, maintenance     | —                    | —                  | —                           |
 *
 * Why: the calls that reach the provider fail, the rest of the component works, so the component
 * is hurt but not down; and the page must say on whose side the problem is. Running on the backup
 * is degraded, not an outage: users are served. A provider we cannot judge (no fresh figures)
 * changes nothing: the component's own SLOs still decide.
 */
export function judgeProviders(
  providers: readonly Provider[],
  stateOf: (slos: readonly string[]) => State,
  own: State,
): ProviderVerdict {
  let floor: State | undefined;
  const reasons: string[] = [];
  const notes: Note[] = [];
  const raise = (s: State) => {
    if (floor === undefined || STATE_RANK[s] > STATE_RANK[floor]) floor = s;
  };
  for (const p of providers) {
    const primary = stateOf(p.slos);
    if (primary === 'partial_outage' || primary === 'major_outage') {
      if (p.backup !== undefined && stateOf(p.backup.slos) === 'operational') {
        raise('degraded');
        reasons.push(`provider:${p.id}:on_backup`);
        notes.push({ kind: 'on_backup', provider: p.names ?? p.name, backup: p.backup.names ?? p.backup.name });
      } else {
        raise('partial_outage');
        reasons.push(`provider:${p.id}:failing`);
        notes.push({
          kind: 'provider_failing',
          provider: p.names ?? p.name,
          oursWork: STATE_RANK[own] <= STATE_RANK.degraded,
        });
      }
    } else if (primary === 'degraded') {
      raise('degraded');
      reasons.push(`provider:${p.id}:degraded`);
    }
  }
  return { floor, reasons, notes };
}
