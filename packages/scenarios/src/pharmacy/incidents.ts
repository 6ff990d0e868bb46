/**
 * A scripted incident of a scenario: one operation stalls from a local clock time for some
 * minutes, and only `factor` of its usual calls are answered (the rest time out).
 */
export interface Incident {
  operation: 'fetch-medication-history' | 'fetch-prescription' | 'register-dispensation' | 'send-message';
  /** Local wall-clock time, 'HH:MM'. */
  from: string;
  minutes: number;
  /** Share of the usual answered calls left during the stall. */
  factor: number;
}

/** The medication-history stall of the panel's fixture and screenshots: 10:00–10:25 at 5 %. */
export const MORNING_STALL: Incident = {
  operation: 'fetch-medication-history',
  from: '10:00',
  minutes: 25,
  factor: 0.05,
};

/** The demo's scripted incident: medication history stalls for six minutes, nothing is answered. */
export const DEMO_STALL: Incident = {
  operation: 'fetch-medication-history',
  from: '09:24',
  minutes: 6,
  factor: 0,
};
