import { parseArgs } from 'node:util';
import { DemoError } from '../errors.js';

/** What the demo runs with; every field has a default, see USAGE. */
export interface DemoOptions {
  /** Stop by itself after this many seconds; undefined runs until Ctrl-C. */
  durationSeconds: number | undefined;
  /** Real seconds per simulated day. */
  daySeconds: number;
  /** Calls per second at the busiest minute of a weekday. */
  peak: number;
  /** Seconds after start at which the scripted incident begins; undefined: none scheduled. */
  incidentAfterSeconds: number | undefined;
  incidentMinutes: number;
  ports: DemoPorts;
  prometheus: boolean;
  preview: boolean;
  /** Where the demo keeps its files; default `.hartslag/demo` at the repository root. */
  dataDir: string | undefined;
  /** Address the reference platform listens on: 127.0.0.1, or 0.0.0.0 for dashboards/compose.yaml's Prometheus. */
  platformHost: string;
}

/** The ports of the parts people open; 0 takes any free port. */
export interface DemoPorts {
  platform: number;
  status: number;
  prometheus: number;
  preview: number;
}

/** Each port, the flag that sets it and what listens there: for "port busy" messages. */
export const PORT_FLAGS: Record<keyof DemoPorts, { flag: string; what: string; fallback: number }> = {
  platform: { flag: '--platform-port', what: 'the reference platform', fallback: 9464 },
  status: { flag: '--status-port', what: 'the status API', fallback: 4000 },
  prometheus: { flag: '--prometheus-port', what: 'Prometheus', fallback: 9090 },
  preview: { flag: '--preview-port', what: 'the panel preview', fallback: 3001 },
};

export const USAGE = `usage: pnpm demo [-- flags]   (or: node --import tsx demo/bin/demo.ts [flags])

A pharmacy platform under a time-compressed day, its SLOs, status page and badge, Prometheus with
the generated rules, and the daily-rhythm panel; a scripted incident stalls the medication history.

  --duration <s>            stop by itself after <s> seconds (default: run until Ctrl-C)
  --day-seconds <s>         real seconds per simulated day, at least 60 (default 600)
  --peak <calls/s>          calls per second at a weekday's busiest minute, 1-500 (default 40)
  --incident-after <s>      start the scripted incident <s> seconds after start (default 60)
  --incident-minutes <m>    how long it lasts, 0.5-60 (default 6)
  --no-incident             schedule none (type i + Enter to start one, r + Enter to recover)
  --platform-port <port>    reference platform and its /metrics (default 9464)
  --status-port <port>      status page, badge and status JSON (default 4000)
  --prometheus-port <port>  Prometheus, when installed (default 9090)
  --preview-port <port>     daily-rhythm panel preview (default 3001)
  --no-prometheus           do not start Prometheus
  --no-preview              do not start the panel preview
  --data-dir <dir>          where the demo keeps its files (default .hartslag/demo), emptied at start
  --platform-host <addr>    address the platform listens on (default 127.0.0.1; 0.0.0.0 lets the
                            Prometheus of dashboards/compose.yaml, in Docker, scrape it)
  --help                    this text

A port of 0 takes any free one. Ctrl-C or SIGTERM stops everything.`;

function usage(message: string): DemoError {
  return new DemoError('HARTSLAG_ERR_DEMO_USAGE', `${message}\n\n${USAGE}`);
}

function number(
  flag: string,
  raw: string | undefined,
  fallback: number,
  ok: (n: number) => boolean,
  rule: string,
): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !ok(n)) throw usage(`--${flag} must be ${rule}, got "${raw}"`);
  return n;
}

const isPort = (n: number) => Number.isInteger(n) && n >= 0 && n < 65_536;

/** `--help` asked for: print USAGE and exit 0. */
export const HELP = Symbol('help');

/** An IPv4 address or `localhost`: where the platform listens. */
function host(value: string | undefined): string {
  if (value === undefined) return '127.0.0.1';
  if (value === 'localhost' || /^(\d{1,3})(\.\d{1,3}){3}$/.test(value)) return value;
  throw usage(`--platform-host must be an IPv4 address such as 127.0.0.1 or 0.0.0.0, got "${value}"`);
}

/**
 * Reads the command line. Throws HARTSLAG_ERR_DEMO_USAGE naming the flag and its rule, with the
 * usage text. `pnpm demo -- --duration 30` passes the `--` through; it is ignored.
 */
export function parseDemoArgs(argv: readonly string[]): DemoOptions | typeof HELP {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv.filter((a) => a !== '--'),
      options: {
        help: { type: 'boolean', short: 'h' },
        duration: { type: 'string' },
        'day-seconds': { type: 'string' },
        peak: { type: 'string' },
        'incident-after': { type: 'string' },
        'incident-minutes': { type: 'string' },
        'no-incident': { type: 'boolean' },
        'platform-port': { type: 'string' },
        'status-port': { type: 'string' },
        'prometheus-port': { type: 'string' },
        'preview-port': { type: 'string' },
        'no-prometheus': { type: 'boolean' },
        'no-preview': { type: 'boolean' },
        'data-dir': { type: 'string' },
        'platform-host': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw usage((err as Error).message);
  }
  if (values.help === true) return HELP;
  const str = (name: string) => values[name] as string | undefined;
  const port = (key: keyof DemoPorts) => {
    const { flag, fallback } = PORT_FLAGS[key];
    return number(flag.slice(2), str(flag.slice(2)), fallback, isPort, 'a port from 0 to 65535 (0: any free port)');
  };
  const duration = str('duration');
  if (values['no-incident'] === true && str('incident-after') !== undefined) {
    throw usage('--no-incident and --incident-after contradict each other; pass one of them');
  }
  const dataDir = str('data-dir');
  if (dataDir !== undefined && dataDir.trim() === '') throw usage('--data-dir must name a folder');
  return {
    durationSeconds:
      duration === undefined ? undefined : number('duration', duration, 0, (n) => n > 0, 'a number of seconds > 0'),
    daySeconds: number('day-seconds', str('day-seconds'), 600, (n) => n >= 60 && n <= 86_400, 'from 60 to 86400'),
    peak: number('peak', str('peak'), 40, (n) => n >= 1 && n <= 500, 'from 1 to 500 calls per second'),
    incidentAfterSeconds:
      values['no-incident'] === true
        ? undefined
        : number('incident-after', str('incident-after'), 60, (n) => n >= 0, 'a number of seconds >= 0'),
    incidentMinutes: number(
      'incident-minutes',
      str('incident-minutes'),
      6,
      (n) => n >= 0.5 && n <= 60,
      'from 0.5 to 60 minutes',
    ),
    ports: {
      platform: port('platform'),
      status: port('status'),
      prometheus: port('prometheus'),
      preview: port('preview'),
    },
    prometheus: values['no-prometheus'] !== true,
    preview: values['no-preview'] !== true,
    dataDir,
    platformHost: host(str('platform-host')),
  };
}
