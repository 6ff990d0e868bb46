import { writeFileSync } from 'node:fs';

/** The regex of the bench: anchored, 12 named groups (mtail's program has the same one). */
export const ACCESS_PATTERN =
  '^(?<date>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) (?<host>\\S+) (?<pharmacy>\\S+) (?<vendor>\\S+) (?<method>[A-Z]+) (?<op>\\S+) (?<status>\\S+) (?<ms>\\d+)ms (?<bytes>\\d+) (?<trace>[0-9a-f]+) (?<region>\\S+) (?<version>\\S+)$';

const OPS = [
  'fetch-medication-history',
  'register-dispensation',
  'check-interaction',
  'lookup-patient',
  'renew-prescription',
];
const VENDORS = ['pharmasoft', 'medisys', 'apolink', 'farmanet'];
const STATUSES = ['200', '200', '200', '200', '201', '404', '403', 'NO_CONTRACT', '503', '504'];
const HOSTS = ['hub-a', 'hub-b', 'hub-c'];

export interface Line {
  time: number;
  host: string;
  pharmacy: string;
  vendor: string;
  op: string;
  status: string;
  ms: number;
  bytes: number;
  trace: string;
}

/** `n` calls from `tenants` pharmacies, a few ms apart, deterministic. */
export function* generate(n: number, tenants: number): Generator<Line> {
  let s = 42;
  const random = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let time = Date.UTC(2026, 10, 2, 7, 0, 0);
  for (let i = 0; i < n; i++) {
    time += Math.floor(random() * 4);
    const tenant = tenants >= 100_000 ? i % tenants : Math.floor(random() * tenants);
    yield {
      time,
      host: HOSTS[i % HOSTS.length]!,
      pharmacy: `apotheek-${String(tenant).padStart(6, '0')}`,
      // A pharmacy runs one vendor's software.
      vendor: VENDORS[tenant % VENDORS.length]!,
      op: OPS[Math.floor(random() * OPS.length)]!,
      status: STATUSES[Math.floor(random() * STATUSES.length)]!,
      ms: 1 + Math.floor(random() * random() * 2000),
      bytes: Math.floor(random() * 40_000),
      trace: Math.floor(random() * 2 ** 48)
        .toString(16)
        .padStart(12, '0'),
    };
  }
}

function local(ms: number): string {
  // Written as UTC digits and read as Brussels wall-clock time (the default zone, the real cost):
  // the instants shift by an hour, the work per line is the same.
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
}

export function writeRegexLog(file: string, n: number, tenants: number): void {
  const out: string[] = [];
  for (const l of generate(n, tenants)) {
    out.push(
      `${local(l.time)} ${l.host} ${l.pharmacy} ${l.vendor} GET ${l.op} ${l.status} ${l.ms}ms ${l.bytes} ${l.trace} eu-west v2.14.1\n`,
    );
  }
  writeFileSync(file, out.join(''));
}

export function writeJsonLog(file: string, n: number, tenants: number): void {
  const out: string[] = [];
  for (const l of generate(n, tenants)) {
    out.push(
      `${JSON.stringify({ time: new Date(l.time).toISOString(), host: l.host, pharmacy: l.pharmacy, vendor: l.vendor, method: 'GET', op: l.op, status: l.status, ms: l.ms, bytes: l.bytes, trace: l.trace, region: 'eu-west', version: 'v2.14.1' })}\n`,
    );
  }
  writeFileSync(file, out.join(''));
}

export function writeLogfmtLog(file: string, n: number, tenants: number): void {
  const out: string[] = [];
  for (const l of generate(n, tenants)) {
    out.push(
      `time=${new Date(l.time).toISOString()} host=${l.host} pharmacy=${l.pharmacy} vendor=${l.vendor} method=GET op=${l.op} status=${l.status} ms=${l.ms} bytes=${l.bytes} trace=${l.trace} region=eu-west version=v2.14.1\n`,
    );
  }
  writeFileSync(file, out.join(''));
}
