import { isIP } from 'node:net';
import { dirname, isAbsolute, resolve } from 'node:path';
import { YamlPositions } from '@hartslag/common/yaml';
import { parseDocument } from 'yaml';
import { ConfigError, type ConfigProblem } from './ConfigError.js';
import { checkProviderReferences, type ProviderReference, readComponents, readProviders } from './readComponents.js';
import { pageLanguage, readPage } from './readPage.js';
import { checkPartnerScopes, readPartners } from './readPartners.js';
import { readSelfTest } from './readSelfTest.js';
import { readSource } from './readSource.js';
import { readTokens } from './readTokens.js';
import {
  API_VERSION,
  type RateLimitConfig,
  type ServerConfig,
  type StatusConfig,
  type StorageConfig,
} from './StatusConfig.js';
import { YamlReader, type YamlValue } from './YamlReader.js';

const TOP = [
  'apiVersion',
  'page',
  'source',
  'components',
  'providers',
  'tokens',
  'partners',
  'storage',
  'server',
  'rateLimit',
  'selfTest',
];
const REQUIRED = ['apiVersion', 'page', 'source', 'components'];

export const DEFAULT_SQLITE = 'data/status.sqlite';
export const DEFAULT_SERVER: ServerConfig = { host: '127.0.0.1', port: 8080 };
export const DEFAULT_RATE_LIMIT: RateLimitConfig = { readsPerMinute: 600, writesPerMinute: 30 };

/**
 * Checks a status configuration (YAML) and returns it typed, defaults filled in, durations in ms.
 * Throws one ConfigError listing every problem, each with `file:line:column` and the field path.
 * `file` names the text in messages and anchors relative paths (storage.sqlite); `env` supplies
 * DATABASE_URL and the `${NAME}` references in source.headers.
 */
export function parseConfig(text: string, file: string, env: NodeJS.ProcessEnv = {}): StatusConfig {
  const positions = new YamlPositions();
  const doc = parseDocument(text, { lineCounter: positions.lineCounter, prettyErrors: false, uniqueKeys: true });
  const r = new YamlReader(doc, positions);
  const syntax = [...doc.errors, ...doc.warnings];
  for (const e of syntax) {
    r.problems.push({ path: '', ...positions.at(e.pos[0]), message: yamlMessage(e) });
  }
  // The tree of a file with syntax errors is a guess: checking its fields would mostly echo them.
  if (syntax.length > 0) throw new ConfigError(file, sorted(r.problems));
  if (doc.contents === null) {
    throw new ConfigError(file, [
      { path: '', line: 1, column: 1, message: `is empty; it starts with apiVersion: ${API_VERSION}` },
    ]);
  }

  const f = r.mapping(doc.contents, '', TOP, REQUIRED);
  if (f === undefined) throw new ConfigError(file, sorted(r.problems));

  if (f.has('apiVersion')) {
    const v = r.string(f.get('apiVersion'), 'apiVersion');
    if (v !== undefined && v !== API_VERSION) {
      r.report('apiVersion', f.get('apiVersion'), `must be ${API_VERSION} (this version of Hartslag reads no other)`);
    }
  }
  const page = f.has('page') ? readPage(r, f.get('page')) : undefined;
  const language = pageLanguage(page);
  const source = f.has('source') ? readSource(r, f.get('source'), env) : undefined;
  const references: ProviderReference[] = [];
  const components = f.has('components') ? readComponents(r, f.get('components'), language, references) : undefined;
  const providers = r.has(f, 'providers') ? readProviders(r, f.get('providers'), language) : [];
  if (providers !== undefined) checkProviderReferences(r, references, new Set(providers.map((p) => p.id)));
  const tokens = r.has(f, 'tokens') ? readTokens(r, f.get('tokens')) : [];
  const partners = r.has(f, 'partners') ? readPartners(r, f.get('partners')) : undefined;
  if (tokens !== undefined) checkPartnerScopes(r, f, tokens, partners, source);
  const storage = readStorage(r, r.has(f, 'storage') ? f.get('storage') : undefined, file, env);
  const server = r.has(f, 'server') ? readServer(r, f.get('server')) : DEFAULT_SERVER;
  const rateLimit = r.has(f, 'rateLimit') ? readRateLimit(r, f.get('rateLimit')) : DEFAULT_RATE_LIMIT;
  const selfTest = r.has(f, 'selfTest') ? readSelfTest(r, f.get('selfTest')) : undefined;

  if (
    r.problems.length > 0 ||
    page === undefined ||
    source === undefined ||
    components === undefined ||
    providers === undefined ||
    tokens === undefined ||
    storage === undefined ||
    server === undefined ||
    rateLimit === undefined ||
    (r.has(f, 'selfTest') && selfTest === undefined)
  ) {
    throw new ConfigError(file, sorted(r.problems));
  }
  return {
    file,
    page,
    source,
    components,
    providers,
    tokens,
    ...(partners === undefined ? {} : { partners }),
    storage,
    server,
    rateLimit,
    ...(selfTest === undefined ? {} : { selfTest }),
  };
}

/**
 * SQLite by default, next to the configuration; PostgreSQL when DATABASE_URL is set, so its
 * password never has to be in the file.
 */
function readStorage(r: YamlReader, value: YamlValue, file: string, env: NodeJS.ProcessEnv): StorageConfig | undefined {
  let sqlite = DEFAULT_SQLITE;
  if (value !== undefined) {
    const f = r.mapping(value, 'storage', ['sqlite'], ['sqlite']);
    const given = f?.has('sqlite') ? r.string(f.get('sqlite'), 'storage.sqlite') : undefined;
    if (given === undefined) return undefined;
    sqlite = given;
  }
  const databaseUrl = env.DATABASE_URL;
  if (databaseUrl !== undefined && databaseUrl !== '') {
    if (!/^postgres(?:ql)?:\/\//.test(databaseUrl)) {
      r.problems.push({
        path: 'DATABASE_URL',
        line: 0,
        column: 0,
        message: 'in the environment must be a PostgreSQL URL (postgres://user:password@host:5432/database)',
      });
      return undefined;
    }
    return { kind: 'postgres', url: databaseUrl };
  }
  // Relative to the configuration, not to wherever the service happens to be started.
  const path = sqlite === ':memory:' || isAbsolute(sqlite) ? sqlite : resolve(dirname(file), sqlite);
  return { kind: 'sqlite', path };
}

function readServer(r: YamlReader, value: YamlValue): ServerConfig | undefined {
  const f = r.mapping(value, 'server', ['host', 'port', 'trustProxy']);
  if (f === undefined) return undefined;
  const host = r.has(f, 'host') ? r.string(f.get('host'), 'server.host') : DEFAULT_SERVER.host;
  const port = r.has(f, 'port') ? r.integer(f.get('port'), 'server.port', 0, 65_535) : DEFAULT_SERVER.port;
  let trustProxy: string[] | undefined = [];
  if (r.has(f, 'trustProxy')) {
    const items = r.list(f.get('trustProxy'), 'server.trustProxy');
    trustProxy = items?.map((item, i) => {
      const path = `server.trustProxy[${i}]`;
      const text = r.string(item, path);
      const [address, bits, ...rest] = (text ?? '').split('/');
      const version = isIP(address ?? '');
      const maxBits = version === 6 ? 128 : 32;
      if (
        text !== undefined &&
        (version === 0 || rest.length > 0 || (bits !== undefined && !(Number(bits) <= maxBits)))
      ) {
        r.report(path, item, `must be an IP address or CIDR range of a proxy you run (e.g. 10.0.0.0/8), got "${text}"`);
      }
      return text ?? '';
    });
  }
  if (host === undefined || port === undefined || trustProxy === undefined) return undefined;
  return trustProxy.length > 0 ? { host, port, trustProxy } : { host, port };
}

function readRateLimit(r: YamlReader, value: YamlValue): RateLimitConfig | undefined {
  const f = r.mapping(value, 'rateLimit', ['readsPerMinute', 'writesPerMinute']);
  if (f === undefined) return undefined;
  const reads = r.has(f, 'readsPerMinute')
    ? r.integer(f.get('readsPerMinute'), 'rateLimit.readsPerMinute', 1, 1_000_000)
    : DEFAULT_RATE_LIMIT.readsPerMinute;
  const writes = r.has(f, 'writesPerMinute')
    ? r.integer(f.get('writesPerMinute'), 'rateLimit.writesPerMinute', 1, 1_000_000)
    : DEFAULT_RATE_LIMIT.writesPerMinute;
  return reads === undefined || writes === undefined ? undefined : { readsPerMinute: reads, writesPerMinute: writes };
}

/** yaml's message, with the fix for the mistakes people make most in hand-written files. */
function yamlMessage(e: { code: string; message: string }): string {
  if (e.code === 'TAB_AS_INDENT') return `${e.message}; indent with spaces`;
  if (e.code === 'DUPLICATE_KEY') return 'this key appears twice in the same mapping; keep one';
  return e.message;
}

/** In file order; problems from the environment last. */
function sorted(problems: ConfigProblem[]): ConfigProblem[] {
  const rank = (p: ConfigProblem) => (p.line === 0 ? Number.MAX_SAFE_INTEGER : p.line);
  return [...problems].sort((a, b) => rank(a) - rank(b) || a.column - b.column);
}
