import type { SloEvaluator, SloStatus } from '@hartslag/metrics';
import type { SloFigures, SourceReading, StatusSource } from '../state/State.js';

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
      slos.set(status.name, figures(status));
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
