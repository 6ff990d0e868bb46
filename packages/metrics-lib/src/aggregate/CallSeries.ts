/** One `care_calls_total` series: an operation, an outcome (index into OUTCOMES) and a code. */
export class CallSeries {
  value = 0;

  constructor(
    /** Order of creation in its CallTable: where exporters keep what they render for it. */
    readonly place: number,
    readonly operation: string,
    readonly outcome: number,
    readonly code: string,
  ) {}
}
