/**
 * An IANA zone for Grafana's time zone setting: 'browser' (and an empty or 'default' setting) is
 * the viewer's own zone, 'utc' is UTC. An unknown name falls back to the viewer's zone with a note.
 */
export function resolveTimeZone(timeZone: string | undefined): { timeZone: string; note?: string } {
  const browser = browserZone();
  if (timeZone === undefined || timeZone === '' || timeZone === 'browser' || timeZone === 'default') {
    return { timeZone: browser };
  }
  if (timeZone.toLowerCase() === 'utc') return { timeZone: 'UTC' };
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return { timeZone };
  } catch {
    return { timeZone: browser, note: `Unknown time zone "${timeZone}": showing ${browser}.` };
  }
}

function browserZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
