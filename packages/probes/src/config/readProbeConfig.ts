import { didYouMean, parseDuration } from '@hartslag/common';
import { fileLine, YamlPositions } from '@hartslag/common/yaml';
import { isMap, isScalar, isSeq, type Node, parseDocument } from 'yaml';
import { ProbeConfigError, type ProbeConfigProblem } from '../errors.js';
import {
  DEFAULT_INTERVAL_MS,
  DEFAULT_TIMEOUT_MS,
  type HttpTarget,
  type ProbeConfig,
  type ProbeSpec,
  type ProbeTarget,
} from './ProbeSpec.js';

export const PROBES_API_VERSION = 'hartslag.probes/v1';
const TOP = ['apiVersion', 'service', 'probes'];
const PROBE = ['name', 'interval', 'timeout', 'http', 'tcp', 'grpc'];
const KINDS = ['http', 'tcp', 'grpc'] as const;
const HTTP = ['url', 'method', 'expectStatus', 'expectBody', 'headers'];
const TCP = ['host', 'port'];
const GRPC = ['host', 'port', 'service', 'tls'];
const METHODS = ['GET', 'HEAD', 'POST'] as const;
/** Probe names become label values (`probe:<name>`) and log keys: short and plain. */
const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const SERVICE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
/** Faster than once a second is load, not a probe; slower than a day judges nothing at night. */
const MIN_INTERVAL_MS = 1_000;
const MAX_INTERVAL_MS = 86_400_000;
const MIN_TIMEOUT_MS = 10;

type Value = Node | null | undefined;

/**
 * Reads a probes config (YAML). Throws one ProbeConfigError listing every problem as
 * `file:line:column: field message`, so one run fixes them all. `file` names the text in messages.
 */
export function readProbeConfig(text: unknown, file: string): ProbeConfig {
  const positions = new YamlPositions();
  const problems: ProbeConfigProblem[] = [];
  const report = (path: string, node: Value, message: string, offset?: number) => {
    const at = offset === undefined ? positions.of(node) : positions.at(offset);
    problems.push({ at: fileLine(file, at), line: at.line, path, message });
  };
  if (typeof text !== 'string') {
    report('', undefined, `must be YAML text, got ${typeof text}`);
    throw new ProbeConfigError(file, problems);
  }
  const doc = parseDocument(text, { lineCounter: positions.lineCounter, prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) report('', undefined, e.message.split('\n')[0] ?? 'YAML error', e.pos[0]);
  if (problems.length > 0) throw new ProbeConfigError(file, problems);

  const r = new Reader(report);
  const top = r.mapping(doc.contents, '', TOP, TOP);
  if (top === undefined) throw new ProbeConfigError(file, problems);
  const api = r.string(top.get('apiVersion'), 'apiVersion');
  if (api !== undefined && api !== PROBES_API_VERSION) {
    report('apiVersion', top.get('apiVersion'), `must be "${PROBES_API_VERSION}", got "${api}"`);
  }
  const service = r.string(top.get('service'), 'service');
  if (service !== undefined && !SERVICE.test(service)) {
    report('service', top.get('service'), 'must be a service name (letters, digits, "_", "." or "-", at most 63)');
  }
  const probes: ProbeSpec[] = [];
  const items = top.has('probes') ? r.list(top.get('probes'), 'probes') : undefined;
  if (items !== undefined && items.length === 0) report('probes', top.get('probes'), 'lists no probe');
  const names = new Map<string, string>();
  for (const [i, item] of (items ?? []).entries()) {
    const spec = readProbe(r, item, `probes[${i}]`, names);
    if (spec !== undefined) probes.push(spec);
  }
  if (problems.length > 0 || service === undefined) throw new ProbeConfigError(file, problems);
  return { service, probes };
}

function readProbe(r: Reader, node: Value, path: string, names: Map<string, string>): ProbeSpec | undefined {
  const f = r.mapping(node, path, PROBE, ['name']);
  if (f === undefined) return undefined;
  const name = r.string(f.get('name'), `${path}.name`);
  if (name !== undefined) {
    if (!NAME.test(name)) {
      r.report(`${path}.name`, f.get('name'), 'must be lower-case letters, digits and "-" (at most 63)');
    } else if (names.has(name)) {
      r.report(`${path}.name`, f.get('name'), `"${name}" is already the name of ${names.get(name)}`);
    } else names.set(name, path);
  }
  const intervalMs = f.has('interval')
    ? r.duration(f.get('interval'), `${path}.interval`, MIN_INTERVAL_MS, MAX_INTERVAL_MS)
    : DEFAULT_INTERVAL_MS;
  const timeoutMs = f.has('timeout')
    ? r.duration(f.get('timeout'), `${path}.timeout`, MIN_TIMEOUT_MS, MAX_INTERVAL_MS)
    : Math.min(DEFAULT_TIMEOUT_MS, intervalMs ?? DEFAULT_TIMEOUT_MS);
  if (intervalMs !== undefined && timeoutMs !== undefined && timeoutMs > intervalMs) {
    // A run still waiting when the next is due would overlap it: the schedule could not hold.
    r.report(`${path}.timeout`, f.get('timeout'), `must be at most the interval (${intervalMs} ms)`);
  }
  const kinds = KINDS.filter((k) => f.has(k));
  if (kinds.length !== 1) {
    r.report(
      path,
      node,
      `must have exactly one of ${KINDS.join(', ')}${kinds.length > 1 ? ` (has ${kinds.join(', ')})` : ''}`,
    );
    return undefined;
  }
  const kind = kinds[0]!;
  const target =
    kind === 'http'
      ? readHttp(r, f.get('http'), `${path}.http`)
      : kind === 'tcp'
        ? readTcp(r, f.get('tcp'), `${path}.tcp`)
        : readGrpc(r, f.get('grpc'), `${path}.grpc`);
  if (name === undefined || target === undefined || intervalMs === undefined || timeoutMs === undefined)
    return undefined;
  return { name, target, intervalMs, timeoutMs };
}

function readHttp(r: Reader, node: Value, path: string): ProbeTarget | undefined {
  const f = r.mapping(node, path, HTTP, ['url']);
  if (f === undefined) return undefined;
  const url = r.string(f.get('url'), `${path}.url`);
  let ok = url !== undefined;
  if (url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      r.report(`${path}.url`, f.get('url'), `must be an http:// or https:// URL, got "${url}"`);
      ok = false;
    } else if (parsed.username !== '' || parsed.password !== '') {
      // The URL is logged and shown: a password in it would leak. Use headers (Authorization).
      r.report(`${path}.url`, f.get('url'), 'must not hold a user or password; put credentials in headers');
      ok = false;
    }
  }
  let method: HttpTarget['method'] = 'GET';
  if (f.has('method')) {
    const m = r.string(f.get('method'), `${path}.method`);
    if (m === undefined || !(METHODS as readonly string[]).includes(m)) {
      if (m !== undefined) r.report(`${path}.method`, f.get('method'), `must be one of ${METHODS.join(', ')}`);
      ok = false;
    } else method = m as HttpTarget['method'];
  }
  let expectStatus: number[] = [200];
  if (f.has('expectStatus')) {
    const v = f.get('expectStatus');
    const items = isSeq(v)
      ? v.items.map((n, i) => [n as Value, `${path}.expectStatus[${i}]`] as const)
      : [[v, `${path}.expectStatus`] as const];
    expectStatus = [];
    for (const [n, p] of items) {
      const s = r.integer(n, p, 100, 599);
      if (s === undefined) ok = false;
      else expectStatus.push(s);
    }
    if (expectStatus.length === 0 && ok) {
      r.report(`${path}.expectStatus`, v, 'lists no status');
      ok = false;
    }
  }
  const expectBody = f.has('expectBody') ? r.string(f.get('expectBody'), `${path}.expectBody`) : undefined;
  if (f.has('expectBody') && expectBody === undefined) ok = false;
  const headers: Record<string, string> = {};
  if (f.has('headers')) {
    const h = f.get('headers');
    if (!isMap(h)) {
      r.report(`${path}.headers`, h, 'must be a mapping of header names to values');
      ok = false;
    } else {
      for (const pair of h.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const value = r.string(pair.value as Value, `${path}.headers.${key}`);
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) {
          r.report(`${path}.headers`, pair.key as Value, `"${key}" is not a header name`);
          ok = false;
        } else if (value === undefined) ok = false;
        else headers[key.toLowerCase()] = value;
      }
    }
  }
  if (!ok || url === undefined) return undefined;
  return { kind: 'http', url, method, expectStatus, ...(expectBody === undefined ? {} : { expectBody }), headers };
}

function readTcp(r: Reader, node: Value, path: string): ProbeTarget | undefined {
  const f = r.mapping(node, path, TCP, TCP);
  if (f === undefined) return undefined;
  const host = r.host(f.get('host'), `${path}.host`);
  const port = r.integer(f.get('port'), `${path}.port`, 1, 65_535);
  return host === undefined || port === undefined ? undefined : { kind: 'tcp', host, port };
}

function readGrpc(r: Reader, node: Value, path: string): ProbeTarget | undefined {
  const f = r.mapping(node, path, GRPC, ['host', 'port']);
  if (f === undefined) return undefined;
  const host = r.host(f.get('host'), `${path}.host`);
  const port = r.integer(f.get('port'), `${path}.port`, 1, 65_535);
  const service = f.has('service') ? r.string(f.get('service'), `${path}.service`, true) : '';
  const tls = f.has('tls') ? r.boolean(f.get('tls'), `${path}.tls`) : false;
  if (host === undefined || port === undefined || service === undefined || tls === undefined) return undefined;
  return { kind: 'grpc', host, port, service, tls };
}

/** Typed reads that report, rather than throw, so one run lists every problem. */
class Reader {
  constructor(readonly report: (path: string, node: Value, message: string) => void) {}

  mapping(node: Value, path: string, allowed: readonly string[], required: readonly string[]) {
    if (!isMap(node)) {
      this.report(path, node, `must be a mapping (key: value), got ${describe(node)}`);
      return undefined;
    }
    const out = new Map<string, Value>();
    for (const pair of node.items) {
      const key = pair.key as Value;
      const name = isScalar(key) ? String(key.value) : undefined;
      const keyPath = path === '' ? (name ?? '') : `${path}.${name}`;
      if (name === undefined) this.report(path, key, 'keys must be plain names');
      else if (!allowed.includes(name)) {
        this.report(keyPath, key, `is not a field here${didYouMean(name, allowed)} (known: ${allowed.join(', ')})`);
      } else out.set(name, pair.value as Value);
    }
    for (const name of required) {
      if (!out.has(name)) this.report(path === '' ? name : `${path}.${name}`, node, 'is required');
    }
    return out;
  }

  list(node: Value, path: string): Value[] | undefined {
    if (!isSeq(node)) {
      this.report(path, node, `must be a list, got ${describe(node)}`);
      return undefined;
    }
    return node.items as Value[];
  }

  string(node: Value, path: string, allowEmpty = false): string | undefined {
    if (isScalar(node) && typeof node.value === 'string' && (allowEmpty || node.value !== '')) return node.value;
    this.report(path, node, `must be a ${allowEmpty ? '' : 'non-empty '}string, got ${describe(node)}`);
    return undefined;
  }

  host(node: Value, path: string): string | undefined {
    const h = this.string(node, path);
    if (h !== undefined && !/^[A-Za-z0-9.:[\]-]+$/.test(h)) {
      this.report(path, node, `must be a host name or IP address, got "${h}"`);
      return undefined;
    }
    return h;
  }

  integer(node: Value, path: string, min: number, max: number): number | undefined {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
    this.report(path, node, `must be a whole number from ${min} to ${max}, got ${describe(node)}`);
    return undefined;
  }

  boolean(node: Value, path: string): boolean | undefined {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v === 'boolean') return v;
    this.report(path, node, `must be true or false, got ${describe(node)}`);
    return undefined;
  }

  duration(node: Value, path: string, min: number, max: number): number | undefined {
    const v = isScalar(node) ? node.value : undefined;
    const ms = typeof v === 'string' ? parseDuration(v) : undefined;
    if (ms === undefined) {
      this.report(path, node, `must be a duration such as "30s" or "1m", got ${describe(node)}`);
      return undefined;
    }
    if (ms < min || ms > max) {
      this.report(path, node, `must be from ${min} ms to ${max} ms, got ${ms} ms`);
      return undefined;
    }
    return ms;
  }
}

function describe(node: Value): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return typeof node.value === 'string' ? `"${node.value}"` : String(node.value);
  return 'an alias';
}
