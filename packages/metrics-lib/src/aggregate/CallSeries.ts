/** One `care_calls_total` series: an operation, an outcome (index into OUTCOMES) and a code. */
export class CallSeries {
  value = 0;
  /** Exporter-owned cache of the rendered label set; the aggregate never reads it. */
  labelCache: string | undefined = undefined;

  constructor(
    readonly operation: string,
    readonly outcome: number,
    readonly code: string,
  ) {}
}
