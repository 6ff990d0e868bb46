import type { IncomingMessage, ServerResponse } from 'node:http';
import { INVALID } from '../contract/names.js';
import { ConfigError, type ConfigProblem } from '../errors.js';
import { openExposition } from '../export/prometheus/ExpositionStream.js';
import type { CareMetrics } from '../record/CareMetrics.js';
import type { LabelValue } from '../record/OperationHandle.js';
import { outcomeOfHttpStatus } from './httpOutcome.js';
import { checkFunction, checkHeaderLabel, checkMetrics, type RequestLabel, resolveLabel } from './options.js';

export interface CareMetricsMiddlewareOptions {
  metrics: CareMetrics;
  /**
   * The operation label of a request, called once the response has finished (so it can read
   * `res.locals` or anything the handler set). Default: express's matched route pattern, else
   * "unmatched". Plain `http` servers have no routes: pass this.
   */
  operation?: (req: IncomingMessage, res: ServerResponse) => LabelValue;
  /** The tenant: a request header name such as "x-pharmacy-id", or a function of the request. */
  tenant?: RequestLabel<IncomingMessage>;
  /** The tenant's vendor, when the request names it; otherwise the `tenants.vendorOf` of the metrics decides. */
  vendor?: RequestLabel<IncomingMessage>;
}

/** `(req, res)` for plain `http`, `(req, res, next)` for express and connect. */
export type CareMetricsMiddleware = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;

const UNMATCHED = 'unmatched';

/** Set by careMetricsHandler on its responses: scrapes are not traffic, whatever the mount order. */
const kExposition = Symbol.for('hartslag.exposition');

/** What express sets on the request; read structurally so express stays out of our dependencies. */
interface ExpressRequest extends IncomingMessage {
  baseUrl?: string;
  route?: { path?: unknown };
  params?: Record<string, unknown>;
}

/**
 * A mounted path with the values of its parameters put back as `:name` ("/patients/123456782" with
 * params { id: "123456782" } → "/patients/:id"). Whole segments only; anything else stays as
 * matched, where the PII guard still catches patient ids.
 */
function mountPattern(matched: string, params: Record<string, unknown> | undefined): string {
  if (params === undefined || params === null) return matched;
  const names = Object.keys(params).filter((k) => typeof params[k] === 'string' && params[k] !== '');
  if (names.length === 0) return matched;
  return matched
    .split('/')
    .map((segment) => {
      let value = segment;
      try {
        value = decodeURIComponent(segment);
      } catch {
        // Malformed escapes cannot equal a decoded parameter value: keep the segment.
      }
      const name = segment === '' ? undefined : names.find((k) => params[k] === value);
      return name === undefined ? segment : `:${name}`;
    })
    .join('/');
}

/**
 * Learns express's matched route pattern ("GET /api/patients/:bsn/history") by watching
 * `req.baseUrl` and `req.route` as express's router sets them. Reading both at 'finish' is not
 * enough: when an error leaves a router, express restores `req.baseUrl` before the error handler
 * answers, so the 500 would lose its mount path and land under another operation than the route's
 * successes; and `req.baseUrl` is the matched URL of a mount (ids included), never its pattern.
 * Returns the pattern of the last route matched, or undefined when none matched.
 */
function watchExpressRoute(req: ExpressRequest): () => string | undefined {
  let baseUrl = req.baseUrl;
  let route = req.route;
  // The mounts entered so far, outermost first: matched base URL and its pattern.
  const matched = [baseUrl ?? ''];
  const patterns = [baseUrl ?? ''];
  let pattern: string | undefined;
  const patternOf = (r: ExpressRequest['route']) => {
    const path = r?.path;
    if (path === undefined) return undefined;
    const top = matched.length - 1;
    const base = matched[top] === baseUrl ? patterns[top] : (baseUrl ?? '');
    return `${req.method} ${base}${String(path)}`;
  };
  pattern = patternOf(route);
  Object.defineProperty(req, 'baseUrl', {
    configurable: true,
    enumerable: true,
    get: () => baseUrl,
    set(value: string | undefined) {
      baseUrl = value;
      if (typeof value !== 'string') return;
      // Leaving mounts: express restores the parent's base URL, a prefix of the current one.
      while (matched.length > 1 && !value.startsWith(matched[matched.length - 1]!)) {
        matched.pop();
        patterns.pop();
      }
      const top = matched.length - 1;
      if (value === matched[top]) return;
      if (value.startsWith(matched[top]!)) {
        // Entering a mount: req.params holds the mount's own parameters right now.
        matched.push(value);
        patterns.push(patterns[top] + mountPattern(value.slice(matched[top]!.length), req.params));
      } else {
        matched[0] = value;
        patterns[0] = value;
      }
    },
  });
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(value: ExpressRequest['route']) {
      route = value;
      pattern = patternOf(value);
    },
  });
  return () => pattern;
}

/**
 * Records every request in `metrics` when its response finishes: operation, outcome
 * (outcomeOfHttpStatus), status code, duration, tenant and vendor. A response closed before it
 * finished is the client hanging up (outcome client_error, code "aborted"), or the server's socket
 * timeout giving up on the handler (outcome timeout, code "connection_timeout"). Each request is
 * recorded once.
 *
 * With express, `app.use(careMetricsMiddleware({ metrics }))` before the routes; the operation is
 * the matched route pattern with its mount paths, e.g. "GET /api/patients/:bsn/history", the same
 * for a route's successes and the errors its error handler answers. Responses sent before any
 * route matched (404s, an auth middleware's 401 ahead of the routes) are "unmatched": pass
 * `operation` to name those. Parameters of mount paths (`app.use('/patients/:id', router)`) are
 * restored as `:id` when they fill a whole segment.
 *
 * With plain `http`, call it first in the request listener, and pass `operation`: without routes
 * every request is "unmatched".
 * ```ts
 * const mw = careMetricsMiddleware({ metrics, operation: (req) => routeName(req), tenant: 'x-pharmacy-id' });
 * http.createServer((req, res) => { mw(req, res); handle(req, res); });
 * ```
 */
export function careMetricsMiddleware(options: CareMetricsMiddlewareOptions): CareMetricsMiddleware {
  const problems: ConfigProblem[] = [];
  const o = (options ?? {}) as Partial<CareMetricsMiddlewareOptions>;
  checkMetrics(problems, o.metrics);
  checkFunction(problems, 'operation', o.operation);
  const tenant = checkHeaderLabel<IncomingMessage>(problems, 'tenant', o.tenant);
  const vendor = checkHeaderLabel<IncomingMessage>(problems, 'vendor', o.vendor);
  if (problems.length > 0) throw new ConfigError(problems);
  const metrics = o.metrics!;
  const operation = o.operation;

  const operationOf = (
    req: IncomingMessage,
    res: ServerResponse,
    route: (() => string | undefined) | undefined,
  ): LabelValue => {
    if (route !== undefined) return route() ?? UNMATCHED;
    try {
      // Checked like any label value where it is recorded: a number is its text, an object "__invalid__".
      return operation!(req, res);
    } catch (err) {
      metrics.instrumentationError(err, 'resolver');
      return INVALID;
    }
  };

  return (req, res, next) => {
    const started = performance.now();
    // Headers are read now, once: by 'finish' a handler may have rewritten them.
    const tenantId = resolveLabel(metrics, tenant, req);
    const vendorId = resolveLabel(metrics, vendor, req);
    const route = operation === undefined ? watchExpressRoute(req) : undefined;
    const socket = req.socket;
    let timedOut = false;
    let recorded = false;
    const onTimeout = () => {
      timedOut = true;
    };
    const record = () => {
      if (recorded) return;
      recorded = true;
      socket?.removeListener('timeout', onTimeout);
      if ((res as unknown as Record<symbol, unknown>)[kExposition] === true) return;
      try {
        const seconds = (performance.now() - started) / 1000;
        const handle = metrics.operation(operationOf(req, res, route));
        if (res.writableFinished) {
          handle.record(outcomeOfHttpStatus(res.statusCode), seconds, res.statusCode, tenantId, vendorId);
        } else if (timedOut) {
          handle.record('timeout', seconds, 'connection_timeout', tenantId, vendorId);
        } else {
          handle.record('client_error', seconds, 'aborted', tenantId, vendorId);
        }
      } catch (err) {
        metrics.instrumentationError(err);
      }
    };
    // 'finish' is the response fully handed to the OS; 'close' follows it, or comes alone when the
    // socket died first. Whichever comes first records, and `recorded` keeps it to once.
    res.once('finish', record);
    res.once('close', record);
    // A socket 'timeout' listener does not stop Node destroying the socket (only req, res and server
    // listeners do), so this observes the server's timeout without changing it.
    socket?.on('timeout', onTimeout);
    next?.();
  };
}

/**
 * A `(req, res)` handler serving the Prometheus exposition of `metrics.registry`, for plain `http`
 * servers (`if (req.url === '/metrics') return handler(req, res)`) or express
 * (`app.get('/metrics', handler)`). Its responses are never counted by careMetricsMiddleware.
 */
export function careMetricsHandler(metrics: CareMetrics): (req: IncomingMessage, res: ServerResponse) => void {
  const problems: ConfigProblem[] = [];
  if (checkMetrics(problems, metrics) && metrics.registry === undefined) {
    problems.push({
      field: 'metrics',
      message: 'created with `registry: false`, so there is nothing to serve; create it with a registry',
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const registry = metrics.registry!;
  return (req, res) => {
    (res as unknown as Record<symbol, unknown>)[kExposition] = true;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const fail = (err: unknown) => {
      // A failing collector (a user gauge's collect() throwing) must not hang the scrape. Once the
      // body has begun, the status is sent: cutting the response off is how the scraper learns.
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`metrics collection failed: ${(err as Error)?.message ?? err}`);
    };
    openExposition(registry).then((body) => {
      if (req.method === 'HEAD' || res.destroyed) {
        body.destroy();
        res.writeHead(200, { 'content-type': registry.contentType }).end();
        return;
      }
      // The status and headers go out with the first piece, so a failure before it is still a 500.
      res.statusCode = 200;
      res.setHeader('content-type', registry.contentType);
      body.once('error', fail);
      // A scraper that hangs up mid-body: stop rendering for it.
      res.once('close', () => body.destroy());
      body.pipe(res);
    }, fail);
  };
}
