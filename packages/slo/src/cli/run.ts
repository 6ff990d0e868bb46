import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { alertmanagerConfig, DEFAULT_RECEIVERS, renderAlertmanagerConfig } from '../alertmanager/generate.js';
import { readReceivers } from '../alertmanager/readReceivers.js';
import { CliUsageError, FileReadError, formatWarning, HartslagSloError, ReportError } from '../errors.js';
import { parseDuration } from '../model/duration.js';
import type { SloSpec } from '../model/Slo.js';
import { type MinuteHistory, monthlyReportFromHistory } from '../report/historyReport.js';
import { parseMaintenance } from '../report/maintenance.js';
import { monthRange } from '../report/month.js';
import { monthlyReport } from '../report/monthlyReport.js';
import { PrometheusClient } from '../report/PrometheusClient.js';
import { REPORT_FORMATS, type ReportFormat, renderReport } from '../report/render.js';
import { maintenanceFromStatusApi } from '../report/statusApiMaintenance.js';
import { generateRules, renderRules } from '../rules/generate.js';
import { checkScrapeInterval } from '../rules/scrapeInterval.js';
import { parseSpec } from '../spec/parseSpec.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const USAGE = `usage:
  hartslag slo validate <slos.yaml>
      check a spec; every problem is listed as file:line: field message
  hartslag slo generate <slos.yaml> [-o rules.yaml] [--check] [--scrape-interval 30s]
      write Prometheus rules (recording, burn-rate, coffee-break and silence alerts);
      to stdout without -o; --check fails when the file at -o differs from what would be written;
      refuses windows under four scrape intervals (an SLO's hartslag.dev/scrape-interval wins)
  hartslag slo alertmanager <slos.yaml> [-o alertmanager.yaml] [--check]
                            [--page-receiver name] [--ticket-receiver name] [--receivers receivers.yaml]
      write Alertmanager configuration for those rules: one page notification group per SLO that
      escalates, tickets inhibited while and after it pages; receivers hartslag-page and
      hartslag-ticket (without integrations) unless named, and defined by --receivers
  hartslag slo report <slos.yaml> --month 2026-11 (--prometheus http://localhost:9090 | --history slo-history.sqlite)
                      [--time-zone Europe/Amsterdam] [--format csv|json|html] [-o report.csv]
                      [--maintenance maintenance.json] [--status-api http://localhost:8080]
      per SLO for that calendar month (midnight to midnight in the time zone, default UTC):
      availability, budget used, longest outage and incidents, counted from Prometheus or from
      the in-process evaluator's SQLite history; minutes in the maintenance windows declared on
      the status API (--status-api) or in --maintenance (or both) are left out`;

const COMMANDS = ['validate', 'generate', 'alertmanager', 'report'];
const REPORT_OPTIONS = ['month', 'prometheus', 'history', 'time-zone', 'format', 'maintenance', 'status-api'] as const;
const RECEIVER_OPTIONS = ['page-receiver', 'ticket-receiver', 'receivers'] as const;

/**
 * Runs the CLI; returns the exit code (0 ok, 1 invalid spec, drift or failed report, 2 usage or
 * file error) — as a promise for `report`, which asks Prometheus.
 */
export function run(argv: string[], io: Io): number | Promise<number> {
  try {
    const code = dispatch(argv, io);
    return typeof code === 'number' ? code : code.catch((err: unknown) => failed(err, io));
  } catch (err) {
    return failed(err, io);
  }
}

function failed(err: unknown, io: Io): number {
  if (err instanceof HartslagSloError) {
    io.err(`${err.message}\n`);
    return err instanceof CliUsageError || err instanceof FileReadError ? 2 : 1;
  }
  throw err;
}

function dispatch(argv: string[], io: Io): number | Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const [area, command, file, ...extra] = positionals;
  if (area === 'slo' && command === undefined) throw new CliUsageError(`a command is missing\n${USAGE}`);
  if (area !== 'slo' || command === undefined || !COMMANDS.includes(command)) {
    throw new CliUsageError(`unknown command "${positionals.join(' ')}"\n${USAGE}`);
  }
  if (file === undefined) throw new CliUsageError(`missing the spec file\n${USAGE}`);
  if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0]}"\n${USAGE}`);
  if (command === 'validate' && (values.output !== undefined || values.check)) {
    throw new CliUsageError(`validate takes no -o or --check\n${USAGE}`);
  }
  if (values['scrape-interval'] !== undefined && command === 'alertmanager') {
    throw new CliUsageError(`--scrape-interval goes with hartslag slo generate or validate\n${USAGE}`);
  }
  const scrapeInterval = values['scrape-interval'] === undefined ? undefined : interval(values['scrape-interval']);
  if (values.check && values.output === undefined) {
    throw new CliUsageError(`--check needs -o <rules.yaml> to compare with\n${USAGE}`);
  }
  const reportFlags = REPORT_OPTIONS.filter((o) => values[o] !== undefined);
  if (command !== 'report' && reportFlags.length > 0) {
    throw new CliUsageError(`--${reportFlags[0]} goes with hartslag slo report\n${USAGE}`);
  }
  if (command === 'report' && (values.check || values['scrape-interval'] !== undefined)) {
    throw new CliUsageError(`report takes no --check or --scrape-interval\n${USAGE}`);
  }
  const receiverFlags = RECEIVER_OPTIONS.filter((o) => values[o] !== undefined);
  if (command !== 'alertmanager' && receiverFlags.length > 0) {
    throw new CliUsageError(`--${receiverFlags[0]} goes with hartslag slo alertmanager\n${USAGE}`);
  }
  for (const o of ['page-receiver', 'ticket-receiver'] as const) {
    if (values[o] === '') throw new CliUsageError(`--${o} needs a receiver name\n${USAGE}`);
  }
  const spec = parseSpec(read(file), basename(file));
  // What was read past goes to stderr, so that generated rules on stdout stay clean.
  for (const w of spec.warnings ?? []) io.err(`${formatWarning(w)}\n`);
  if (command === 'report') return report(spec, values, io);
  if (command !== 'alertmanager') checkScrapeInterval(spec, scrapeInterval);
  if (command === 'validate') {
    io.out(
      `${file}: ${spec.slos.length} SLO${spec.slos.length === 1 ? '' : 's'} valid (${spec.slos.map((s) => s.name).join(', ')})\n`,
    );
    return 0;
  }
  let text: string;
  let rerun = `hartslag slo ${command} ${file} -o ${values.output}`;
  if (command === 'alertmanager') {
    const flags = receiverFlags.flatMap((o) => [`--${o}`, values[o]!]);
    rerun += flags.map((f) => ` ${f}`).join('');
    const pageReceiver = values['page-receiver'] ?? DEFAULT_RECEIVERS.page;
    const ticketReceiver = values['ticket-receiver'] ?? DEFAULT_RECEIVERS.ticket;
    const receivers =
      values.receivers === undefined
        ? undefined
        : readReceivers(
            read(values.receivers),
            values.receivers,
            [pageReceiver, ticketReceiver],
            DEFAULT_RECEIVERS.silent,
          );
    const config = alertmanagerConfig(spec, { pageReceiver, ticketReceiver, ...(receivers ? { receivers } : {}) });
    // The header names the command with file names only: the output does not change with the directory it ran in.
    const headerFlags = receiverFlags.flatMap((o) => [`--${o}`, o === 'receivers' ? basename(values[o]!) : values[o]!]);
    text = renderAlertmanagerConfig(config, ['hartslag slo alertmanager', basename(file), ...headerFlags].join(' '));
  } else {
    if (values['scrape-interval'] !== undefined) rerun += ` --scrape-interval ${values['scrape-interval']}`;
    text = renderRules(generateRules(spec, scrapeInterval === undefined ? {} : { scrapeInterval }), basename(file));
  }
  if (values.check && values.output !== undefined) {
    if (readOrEmpty(values.output) !== text) {
      io.err(`${values.output} is not what ${file} generates; run: ${rerun}\n`);
      return 1;
    }
    io.out(`${values.output} is up to date\n`);
    return 0;
  }
  if (values.output === undefined) {
    io.out(text);
    return 0;
  }
  writeAtomically(values.output, text);
  io.err(`wrote ${values.output}: ${spec.slos.length} SLO(s)\n`);
  return 0;
}

/** Write beside, then rename: a failed write never leaves half a file for Prometheus or Alertmanager to load. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

async function report(spec: SloSpec, values: ReturnType<typeof parse>['values'], io: Io): Promise<number> {
  if (values.month === undefined || (values.prometheus === undefined) === (values.history === undefined)) {
    throw new CliUsageError(
      `report needs --month YYYY-MM and one of --prometheus <url> or --history <file.sqlite>\n${USAGE}`,
    );
  }
  const zone = values['time-zone'] ?? 'UTC';
  if (!Intl.supportedValuesOf('timeZone').includes(zone) && zone !== 'UTC') {
    throw new CliUsageError(`--time-zone must be an IANA time zone such as Europe/Amsterdam, got "${zone}"\n${USAGE}`);
  }
  const range = monthRange(values.month, zone);
  if (range === undefined)
    throw new CliUsageError(`--month must be YYYY-MM, e.g. 2026-11, got "${values.month}"\n${USAGE}`);
  const format = values.format ?? 'csv';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new CliUsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, got "${format}"\n${USAGE}`);
  }
  const declared = [
    ...(values.maintenance === undefined ? [] : [parseMaintenance(read(values.maintenance), values.maintenance)]),
    ...(values['status-api'] === undefined ? [] : [await maintenanceFromStatusApi(values['status-api'], range)]),
  ];
  const maintenance = declared.length === 0 ? undefined : declared.flat();
  const made =
    values.history === undefined
      ? await monthlyReport(spec, range, new PrometheusClient(values.prometheus!), maintenance)
      : await fromHistory(values.history, (history) => monthlyReportFromHistory(spec, range, history, maintenance));
  const text = renderReport(made, format as ReportFormat);
  if (values.output === undefined) io.out(text);
  else {
    writeAtomically(values.output, text);
    io.err(`wrote ${values.output}: ${made.slos.length} SLO(s), ${range.month}\n`);
  }
  return 0;
}

/**
 * The evaluator's SQLite history, opened for one report: better-sqlite3 is an optional peer of
 * @hartslag/metrics, loaded only here. A missing file is an error, not a new empty history.
 */
async function fromHistory<T>(file: string, use: (history: MinuteHistory) => T): Promise<T> {
  if (!existsSync(file)) {
    throw new ReportError(
      `no SLO history at ${file}: give the file the service's evaluator writes (its history option)`,
    );
  }
  let open: typeof import('@hartslag/metrics/history-sqlite').openSqliteSloHistory;
  try {
    ({ openSqliteSloHistory: open } = await import('@hartslag/metrics/history-sqlite'));
  } catch (err) {
    throw new ReportError('--history needs better-sqlite3: install it beside @hartslag/slo (npm i better-sqlite3)', {
      cause: err,
    });
  }
  const history = open(file);
  try {
    return use(history);
  } finally {
    history.close();
  }
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        check: { type: 'boolean' },
        'page-receiver': { type: 'string' },
        'ticket-receiver': { type: 'string' },
        receivers: { type: 'string' },
        'scrape-interval': { type: 'string' },
        month: { type: 'string' },
        prometheus: { type: 'string' },
        history: { type: 'string' },
        'time-zone': { type: 'string' },
        format: { type: 'string' },
        maintenance: { type: 'string' },
        'status-api': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new CliUsageError(`${(err as Error).message}\n${USAGE}`);
  }
}

function interval(text: string): number {
  const seconds = parseDuration(text);
  if (seconds === undefined || seconds < 1 || seconds > 300) {
    throw new CliUsageError(`--scrape-interval must be a duration from 1s to 5m such as 30s, got "${text}"\n${USAGE}`);
  }
  return seconds;
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new FileReadError(file, err);
  }
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
