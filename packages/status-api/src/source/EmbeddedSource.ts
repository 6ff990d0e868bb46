import type { SloEvaluator, SloStatus } from '@hartslag/metrics';
import { figuresKey, type SloFigures, type SourceReading, type StatusSource } from '../state/State.js';

/**
 * Reads the in-process evaluator of @hartslag/metrics, for services without Prometheus. An SLO
 * the evaluator has not ticked yet is left out of the reading, so its component shows `unknown`.
 */
export class EmbeddedSource implements StatusSource {
  readonly kind = 'embedded';

  constructor(
    private readonly evaluator: Pick<SloEvaluator, 'status'>,
    private readonly clock: () => number = Date.now,
  ) {}

  async read(): Promise<SourceReading> {
    const slos = new Map<string, SloFigures>();
    let at: number | undefined;
    for (const status of this.evaluator.status()) {
      if (status.evaluatedAt === undefined) continue;
      // The oldest tick dates the reading: staleness must not hide behind a fresher SLO.
      at = at === undefined ? status.evaluatedAt : Math.min(at, status.evaluatedAt);
      const f = figures(status);
      if (status.group === undefined) {
        slos.set(status.name, f);
        continue;
      }
      // A grouped SLO: each group under its own key, and the SLO's name for its worst group, as
      // PrometheusSource's `min by (slo)` gives it.
      slos.set(figuresKey(status.name, status.group.value), { ...f, slo: figuresKey(status.name, status.group.value) });
      const worst = slos.get(status.name);
      if (worst === undefined || worse(f, worst)) slos.set(status.name, { ...f, slo: status.name });
    }
    return { at: at ?? this.clock(), slos };
  }
}

function figures(status: SloStatus): SloFigures {
  return {
    slo: status.name,
    budgetRemaining: status.budgetRemaining,
    errorRatio5m: status.errorRatios['5m'],
    outage: status.outage === undefined ? undefined : { ...status.outage },
    silent: status.silence?.silent ?? false,
    ...(status.callRate === undefined ? {} : { callRate: status.callRate }),
    ...(status.judgement === undefined ? {} : { judgeable: status.judgement.judgeable }),
    ...(status.coverage === undefined
      ? {}
      : {
          coverage: {
            ratio: status.coverage.ratio,
            window: status.coverage.window,
            collecting: status.coverage.collecting,
          },
        }),
    firing: status.alerts
      .filter((a) => a.state === 'firing')
      .map((a) => ({ alertname: a.alertname, severity: a.severity })),
  };
}

/** Whether group figures `a` are worse than `b`: more alerts firing, then less budget left. */
function worse(a: SloFigures, b: SloFigures): boolean {
  if (a.firing.length !== b.firing.length) return a.firing.length > b.firing.length;
  return (a.budgetRemaining ?? Number.POSITIVE_INFINITY) < (b.budgetRemaining ?? Number.POSITIVE_INFINITY);
}
