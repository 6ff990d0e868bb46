import { ReportError } from '../errors.js';
import { type MaintenanceWindow, parseMaintenance } from './maintenance.js';
import type { MonthRange } from './month.js';

/**
 * The maintenance windows the status API has on record for a month (`GET
 * /v1/maintenance/windows`), with the SLOs of the components each covers: what was declared on
 * the status page is what the report leaves out. The answer is checked as a maintenance file is.
 */
export async function maintenanceFromStatusApi(url: string, range: MonthRange): Promise<MaintenanceWindow[]> {
  const base = url.replace(/\/$/, '');
  const query = new URLSearchParams({
    from: new Date(range.start * 1000).toISOString(),
    to: new Date(range.end * 1000).toISOString(),
  });
  const where = `${base}/v1/maintenance/windows`;
  let res: Response;
  try {
    res = await fetch(`${where}?${query}`, { headers: { accept: 'application/json' } });
  } catch (err) {
    throw new ReportError(
      `cannot reach the status API at ${url}: ${(err as Error).message}; check --status-api (e.g. http://localhost:8080)`,
      { cause: err },
    );
  }
  const text = await res.text();
  if (!res.ok) {
    throw new ReportError(
      `the status API at ${url} answered ${res.status} to ${where}: ${text.slice(0, 200)}; check --status-api and that it is a Hartslag status API`,
    );
  }
  return parseMaintenance(text, where);
}
