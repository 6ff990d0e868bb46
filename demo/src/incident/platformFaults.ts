import { DemoError } from '../errors.js';
import type { IncidentActions } from './IncidentScheduler.js';

/** The operation the scripted incident stalls. */
export const INCIDENT_OPERATION = 'fetch-medication-history';

/** The message pipeline stage the scripted incident stalls too: its messages wait, none fails. */
export const INCIDENT_STAGE = 'deliver';

/**
 * The platform's fault switch over HTTP (`PUT /admin/faults`): the incident holds every medication
 * history call and the messages waiting for the deliver stage; recovery clears the faults.
 */
export function platformFaults(baseUrl: string, adminToken: string): IncidentActions {
  const put = async (faults: object) => {
    const res = await fetch(`${baseUrl}/admin/faults`, {
      method: 'PUT',
      headers: { 'x-admin-token': adminToken, 'content-type': 'application/json' },
      body: JSON.stringify(faults),
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) {
      throw new DemoError(
        'HARTSLAG_ERR_DEMO_FAULTS',
        `PUT ${baseUrl}/admin/faults answered ${res.status}: ${await res.text()}; the platform's admin token or fault body is wrong`,
      );
    }
  };
  return {
    begin: () => put({ stall: true, operations: [INCIDENT_OPERATION], stalledStage: INCIDENT_STAGE }),
    end: () => put({}),
  };
}
