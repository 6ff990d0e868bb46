import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { HartslagError } from '@hartslag/metrics/errors';
import { REPORT_FORMATS, type ReportFormat } from '@hartslag/slo';
import { isScope, SCOPE_FORMS } from '../auth/scopes.js';
import { generateToken, hashToken } from '../auth/tokens.js';
import { loadConfig } from '../config/loadConfig.js';
import { isLanguage, LANGUAGES } from '../i18n/messages.js';
import { findPartner } from '../partners/Partner.js';
import { partnerWeeklyReport, renderWeeklyReport } from '../partners/weeklyReport.js';
import { buildFromConfig } from '../server/buildFromConfig.js';
import { InstantQuery } from '../source/InstantQuery.js';
import { openStore } from '../store/openStore.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the server should stop; default: SIGINT or SIGTERM. */
  stopSignal?: Promise<void>;
}

export const USAGE = `usage:
  hartslag-status serve --config <status.yaml>
      run the status service (badge, status JSON, page, incidents); Ctrl-C stops it cleanly.
      DATABASE_URL=postgres://… uses PostgreSQL instead of the SQLite file of storage.sqlite
  hartslag-status check-config <status.yaml>
      check a configuration; every problem is listed as file:line:column field: message
  hartslag-status new-token [--name <holder> --scope <scope>… [--expires <instant>]]
      print a fresh random token and the sha256 digest to put under tokens: in the configuration;
      with --name and --scope, the whole tokens: entry (e.g. --scope read:vendor:vendor-a for a
      partner, --expires 2027-01-01T00:00:00Z to end its access)
  hartslag-status hash-token <token>
      print the sha256 digest of an existing token
  hartslag-status partner-report --config <status.yaml> (--vendor <id> | --tenant-group <id>)
                                 --week 2026-W49 [--format html|csv|json] [--lang nl|fr|en|de] [-o <file>]
      one partner's SLA figures for an ISO week, counted from the configured Prometheus; the read
      is written to the audit log like a partner's own; the HTML page in --lang (default: the
      page's language)`;

/** Runs the CLI; resolves to the exit code (0 ok, 1 invalid configuration or start failure, 2 usage). */
export async function run(argv: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  try {
    switch (command) {
      case 'serve':
        if (values.config === undefined || rest.length > 0) return usage(io, 'serve needs --config <status.yaml>');
        return await serve(values.config, io);
      case 'check-config': {
        const file = rest[0] ?? values.config;
        if (file === undefined) return usage(io, 'check-config needs the configuration file');
        const config = loadConfig(file, io.env);
        io.out(
          `${file}: valid (${config.components.length} components, source ${config.source.kind}, ` +
            `storage ${config.storage.kind}, ${config.tokens.length} tokens)\n`,
        );
        return 0;
      }
      case 'new-token':
        return newToken(values, io);
      case 'partner-report':
        if (rest.length > 0) return usage(io, 'partner-report takes no positional arguments');
        return await partnerReport(values, io);
      case 'hash-token':
        if (rest.length !== 1) return usage(io, 'hash-token needs exactly one token');
        io.out(`${hashToken(rest[0]!)}\n`);
        return 0;
      default:
        return usage(io, command === undefined ? 'missing command' : `unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof HartslagError) {
      io.err(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

async function serve(file: string, io: Io): Promise<number> {
  const config = loadConfig(file, io.env);
  const { app, store } = await buildFromConfig(config);
  const url = await app.listen({ host: config.server.host, port: config.server.port });
  io.out(`status page ${url}/  (source ${config.source.kind}, storage ${store.kind})\n`);
  await (io.stopSignal ?? untilSignal());
  io.out('stopping\n');
  await app.close();
  return 0;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

type Values = ReturnType<typeof parse>['values'];

function newToken(values: Values, io: Io): number {
  const scopes = values.scope ?? [];
  if ((values.name === undefined) !== (scopes.length === 0))
    return usage(io, 'new-token takes --name and --scope together');
  const bad = scopes.filter((s) => !isScope(s));
  if (bad.length > 0) return usage(io, `not a scope: ${bad.join(', ')}; use ${SCOPE_FORMS.join(', ')}`);
  if (values.expires !== undefined && !Number.isFinite(Date.parse(values.expires))) {
    return usage(io, '--expires must be an instant, e.g. 2027-01-01T00:00:00Z');
  }
  const token = generateToken();
  io.out(`token:  ${token}\nsha256: ${hashToken(token)}\n`);
  if (values.name !== undefined) {
    io.out(`\ntokens:\n  - name: ${values.name}\n    sha256: ${hashToken(token)}\n`);
    io.out(`    scopes: [${scopes.map((s) => JSON.stringify(s)).join(', ')}]\n`);
    if (values.expires !== undefined) io.out(`    expires: ${JSON.stringify(values.expires)}\n`);
    io.out('\n');
  }
  io.out('Give the token to its holder once; put only the sha256 digest in the configuration.\n');
  return 0;
}

async function partnerReport(values: Values, io: Io): Promise<number> {
  const kind =
    values.vendor !== undefined ? 'vendor' : values['tenant-group'] !== undefined ? 'tenant-group' : undefined;
  const id = values.vendor ?? values['tenant-group'];
  if (values.config === undefined || kind === undefined || id === undefined || values.week === undefined) {
    return usage(io, 'partner-report needs --config, --vendor or --tenant-group, and --week');
  }
  if (values.vendor !== undefined && values['tenant-group'] !== undefined) {
    return usage(io, 'partner-report takes --vendor or --tenant-group, not both');
  }
  const format = values.format ?? 'html';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    return usage(io, `--format must be one of ${REPORT_FORMATS.join(', ')}`);
  }
  if (values.lang !== undefined && !isLanguage(values.lang)) {
    return usage(io, `--lang must be one of ${LANGUAGES.join(', ')}`);
  }
  const config = loadConfig(values.config, io.env);
  const partner = config.partners === undefined ? undefined : findPartner(config.partners, kind, id);
  if (partner === undefined || config.source.kind !== 'prometheus') {
    io.err(
      `${values.config}: no ${kind} "${id}" under partners (with source.kind prometheus); list it under ` +
        `partners.${kind === 'vendor' ? 'vendors' : 'tenantGroups'}\n`,
    );
    return 1;
  }
  const { url, headers, timeoutMs } = config.source;
  const report = await partnerWeeklyReport(
    {
      partner,
      week: values.week,
      timeZone: config.page.timeZone,
      slos: [...new Set(config.components.flatMap((c) => c.slos))],
    },
    { url, instant: new InstantQuery({ url, headers, timeoutMs }), timeoutMs },
  );
  if (report === undefined) return usage(io, '--week must be an ISO week, e.g. 2026-W49');
  const text = renderWeeklyReport(report, format as ReportFormat, values.lang ?? config.page.language);
  const store = await openStore(
    config.storage.kind === 'postgres' ? { databaseUrl: config.storage.url } : { sqlitePath: config.storage.path },
  );
  try {
    await store.auditRead(
      { name: CLI_ACTOR },
      'partner.report',
      `${kind}:${partner.id}`,
      { week: values.week, format },
      Date.now(),
    );
  } finally {
    await store.close();
  }
  if (values.output === undefined) io.out(text);
  else {
    writeFileSync(values.output, text);
    io.out(`${values.output}: ${report.slos.length} SLOs for ${kind} ${partner.id}, ${report.month}\n`);
  }
  return 0;
}

/** The audit log's actor for reports made on the command line, by whoever may read the configuration. */
export const CLI_ACTOR = 'hartslag-status-cli';

function usage(io: Io, problem: string): number {
  io.err(`${problem}\n${USAGE}\n`);
  return 2;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string', short: 'c' },
      help: { type: 'boolean', short: 'h' },
      name: { type: 'string' },
      scope: { type: 'string', multiple: true },
      expires: { type: 'string' },
      vendor: { type: 'string' },
      'tenant-group': { type: 'string' },
      week: { type: 'string' },
      format: { type: 'string' },
      lang: { type: 'string' },
      output: { type: 'string', short: 'o' },
    },
  });
}
