import { didYouMean } from '@hartslag/common';
import { isMap, isScalar } from 'yaml';
import { readHttpUrl } from './readPage.js';
import { SOURCE_KINDS, type SourceConfig, type SourceKind } from './StatusConfig.js';
import { join, type YamlReader, type YamlValue } from './YamlReader.js';

/** The keys each kind of source takes. */
const KEYS: Record<SourceKind, readonly string[]> = {
  prometheus: ['kind', 'url', 'refresh', 'staleAfter', 'timeout', 'headers'],
  scrape: ['kind', 'url', 'refresh', 'staleAfter', 'timeout', 'headers', 'namespace', 'service', 'outageLimit'],
  embedded: ['kind', 'refresh', 'staleAfter'],
};
const ALL_KEYS = [...new Set(Object.values(KEYS).flat())];

export const DEFAULT_REFRESH_MS = 15_000;
export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_NAMESPACE = 'care';
export const DEFAULT_OUTAGE_LIMIT_SECONDS = 600;

// RFC 9110 §5.1 field names; Prometheus metric name prefixes (data model page).
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const METRIC_PREFIX = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function readSource(r: YamlReader, value: YamlValue, env: NodeJS.ProcessEnv): SourceConfig | undefined {
  // The kind decides which keys belong: read it first, leniently, so the key check can use it.
  const node = r.resolve(value);
  const kindNode = isMap(node) ? r.resolve(node.get('kind', true) as YamlValue) : null;
  const rawKind = isScalar(kindNode) ? kindNode.value : undefined;
  const known = SOURCE_KINDS.find((k) => k === rawKind);
  const f = r.mapping(value, 'source', known === undefined ? ALL_KEYS : KEYS[known], ['kind'], (key) => {
    if (known === undefined || !ALL_KEYS.includes(key)) return undefined;
    const users = SOURCE_KINDS.filter((k) => KEYS[k].includes(key));
    return `is not used by kind ${known} (only by ${users.join(' and ')})`;
  });
  if (f === undefined) return undefined;
  let kind: SourceKind | undefined;
  if (f.has('kind')) {
    const raw = r.string(f.get('kind'), 'source.kind');
    kind = SOURCE_KINDS.find((k) => k === raw);
    if (raw !== undefined && kind === undefined) {
      r.report(
        'source.kind',
        f.get('kind'),
        `must be one of ${SOURCE_KINDS.join(', ')}${didYouMean(raw, SOURCE_KINDS)}`,
      );
    }
  }

  const refreshMs = r.has(f, 'refresh') ? r.duration(f.get('refresh'), 'source.refresh') : DEFAULT_REFRESH_MS;
  let staleAfterMs = r.has(f, 'staleAfter') ? r.duration(f.get('staleAfter'), 'source.staleAfter') : undefined;
  if (!r.has(f, 'staleAfter') && refreshMs !== undefined) staleAfterMs = refreshMs * 1.5;
  if (r.has(f, 'staleAfter') && staleAfterMs !== undefined && refreshMs !== undefined && staleAfterMs <= refreshMs) {
    r.report(
      'source.staleAfter',
      f.get('staleAfter'),
      'must be longer than source.refresh (e.g. 1.5 × refresh): a reading is dated when it starts, so the next ' +
        'one lands after refresh + the time it takes, and /readyz would flap while it is under way',
    );
    staleAfterMs = undefined;
  }
  if (kind === 'embedded') {
    return refreshMs === undefined || staleAfterMs === undefined ? undefined : { kind, refreshMs, staleAfterMs };
  }

  // Unknown kind: still check what is there, so one run reports everything.
  if (kind !== undefined && !f.has('url')) r.report('source.url', value, `is required for kind ${kind}`);
  const url = f.has('url') ? readHttpUrl(r, f.get('url'), 'source.url') : undefined;
  // A reading is dated when it starts: the next one is fresh in time only if it ends within
  // staleAfter − refresh of its start. A slower source must time out (and say so) rather than
  // leave every component flapping between its state and `unknown`.
  const slack = refreshMs !== undefined && staleAfterMs !== undefined ? staleAfterMs - refreshMs : undefined;
  let timeoutMs = r.has(f, 'timeout') ? r.duration(f.get('timeout'), 'source.timeout') : DEFAULT_TIMEOUT_MS;
  if (r.has(f, 'timeout') && timeoutMs !== undefined && refreshMs !== undefined && timeoutMs > refreshMs) {
    r.report('source.timeout', f.get('timeout'), 'must not exceed source.refresh: reads would pile up');
    timeoutMs = undefined;
  } else if (r.has(f, 'timeout') && timeoutMs !== undefined && slack !== undefined && timeoutMs > slack) {
    r.report(
      'source.timeout',
      f.get('timeout'),
      `must not exceed source.staleAfter − source.refresh (${slack} ms): a reading that takes longer lands ` +
        'after the previous one went stale; raise staleAfter or lower the timeout',
    );
    timeoutMs = undefined;
  } else if (!r.has(f, 'timeout') && refreshMs !== undefined) {
    timeoutMs = Math.min(DEFAULT_TIMEOUT_MS, refreshMs, slack ?? refreshMs);
  }
  const headers = r.has(f, 'headers') ? readHeaders(r, f.get('headers'), env) : {};

  let namespace: string | undefined = DEFAULT_NAMESPACE;
  if (r.has(f, 'namespace')) {
    namespace = r.string(f.get('namespace'), 'source.namespace');
    if (namespace !== undefined && !METRIC_PREFIX.test(namespace)) {
      r.report('source.namespace', f.get('namespace'), 'must be a metric name prefix (a-z, A-Z, 0-9, _), e.g. "care"');
      namespace = undefined;
    }
  }
  const service = r.has(f, 'service') ? r.string(f.get('service'), 'source.service') : undefined;
  const outageLimitMs = r.has(f, 'outageLimit')
    ? r.duration(f.get('outageLimit'), 'source.outageLimit')
    : DEFAULT_OUTAGE_LIMIT_SECONDS * 1000;

  if (
    kind === undefined ||
    refreshMs === undefined ||
    staleAfterMs === undefined ||
    url === undefined ||
    timeoutMs === undefined ||
    headers === undefined
  ) {
    return undefined;
  }
  if (kind === 'prometheus') return { kind, url, refreshMs, staleAfterMs, timeoutMs, headers };
  if (namespace === undefined || outageLimitMs === undefined || (r.has(f, 'service') && service === undefined)) {
    return undefined;
  }
  return {
    kind,
    url,
    refreshMs,
    staleAfterMs,
    timeoutMs,
    headers,
    namespace,
    ...(service === undefined ? {} : { service }),
    outageLimitSeconds: outageLimitMs / 1000,
  };
}

/**
 * Request headers; `${NAME}` in a value is replaced from the environment, so secrets (a Mimir
 * password, a bearer token) stay out of the file.
 */
function readHeaders(r: YamlReader, value: YamlValue, env: NodeJS.ProcessEnv): Record<string, string> | undefined {
  const entries = r.entries(value, 'source.headers');
  if (entries === undefined) return undefined;
  const headers: Record<string, string> = {};
  let ok = true;
  for (const [name, keyNode, v] of entries) {
    const path = join('source.headers', name);
    if (!HEADER_NAME.test(name)) {
      r.report(path, keyNode, "is not a valid header name (letters, digits and !#$%&'*+.^_`|~-)");
      ok = false;
      continue;
    }
    const raw = r.string(v, path);
    if (raw === undefined) {
      ok = false;
      continue;
    }
    const missing: string[] = [];
    const expanded = raw.replace(ENV_REFERENCE, (_, ref: string) => {
      const found = env[ref];
      if (found === undefined) missing.push(ref);
      return found ?? '';
    });
    if (missing.length > 0) {
      r.report(path, v, `uses ${missing.map((m) => `\${${m}}`).join(', ')}, not set in the environment`);
      ok = false;
    } else if (/[\r\n\0]/.test(expanded)) {
      r.report(path, v, 'must not contain line breaks');
      ok = false;
    } else {
      headers[name] = expanded;
    }
  }
  return ok ? headers : undefined;
}
