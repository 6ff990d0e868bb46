import { CliError } from '../errors.js';

/** Scrapes as Prometheus does: text format or OpenMetrics, whichever the target prefers. */
const ACCEPT = 'application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1';

/** GETs a /metrics URL; a target that is down, slow or answers other than 200 names the fix. */
export async function scrape(url: string, timeoutMs = 10_000): Promise<string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(
      'HARTSLAG_ERR_CLI_USAGE',
      `"${url}" is not a URL; give the full address, e.g. http://127.0.0.1:3000/metrics`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new CliError(
      'HARTSLAG_ERR_CLI_USAGE',
      `"${url}" is not an http(s) URL; give e.g. http://127.0.0.1:3000/metrics`,
    );
  }
  let response: Response;
  try {
    response = await fetch(parsed, { headers: { accept: ACCEPT }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    const why = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as Error).name;
    throw new CliError(
      'HARTSLAG_ERR_CLI_SCRAPE',
      `cannot scrape ${url} (${why}): is the service running and listening there? Check the host, port and path`,
      { cause },
    );
  }
  if (response.status !== 200) {
    throw new CliError(
      'HARTSLAG_ERR_CLI_SCRAPE',
      `${url} answered HTTP ${response.status}, not 200: point at the service's metrics path (usually /metrics)`,
    );
  }
  return response.text();
}
