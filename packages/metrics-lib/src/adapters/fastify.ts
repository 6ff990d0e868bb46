import type {
  FastifyContextConfig,
  FastifyInstance,
  FastifyPluginCallback,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import fp from 'fastify-plugin';
import { INVALID } from '../contract/names.js';
import { ConfigError, type ConfigProblem } from '../errors.js';
import { openExposition } from '../export/prometheus/ExpositionStream.js';
import type { CallTimer } from '../record/CallTimer.js';
import type { CareMetrics } from '../record/CareMetrics.js';
import type { LabelValue, OperationHandle } from '../record/OperationHandle.js';
import { outcomeOfHttpStatus } from './httpOutcome.js';
import { checkFunction, checkHeaderLabel, checkMetrics, type RequestLabel, resolveLabel } from './options.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The operation label for calls to this route, e.g. "fetch-prescription" (@hartslag/metrics). */
    operation?: string;
  }
  interface FastifyReply {
    /**
     * Records this call's `code` as a reason, e.g. "no_contract", instead of the HTTP status: a 403
     * for a pharmacy without a contract and a 403 for a wrong token are different problems.
     */
    careReason(reason: string | number): FastifyReply;
  }
}

/** Where careReason keeps the reason; global so every registration of the plugin reads the same. */
const kReason = Symbol.for('hartslag.reason');

export interface CareMetricsPluginOptions {
  metrics: CareMetrics;
  /**
   * The operation label of a request. Default: the route's `config.operation`, else
   * `"<METHOD> <route pattern>"` such as "GET /patients/:id"; requests matching no route are "unmatched".
   */
  operation?: (request: FastifyRequest) => LabelValue;
  /** The tenant: a request header name such as "x-pharmacy-id", or a function of the request. */
  tenant?: RequestLabel<FastifyRequest>;
  /** The tenant's vendor, when the request names it; otherwise the `tenants.vendorOf` of the metrics decides. */
  vendor?: RequestLabel<FastifyRequest>;
  /** Path of the Prometheus exposition route, or false to serve none. Default "/metrics". */
  metricsRoute?: string | false;
}

/** Label for requests no route matched: scanners probing random paths must not mint one series each. */
const UNMATCHED = 'unmatched';

/**
 * Per-request state: undefined before onRequest ran, a timer while the call runs, false once recorded
 * or for requests that are not counted (the exposition route).
 */
type CallState = CallTimer | false | undefined;

/** Checks every option at once; header names come back lower-cased. */
function validate(options: CareMetricsPluginOptions) {
  const problems: ConfigProblem[] = [];
  const o = (options ?? {}) as Partial<CareMetricsPluginOptions>;
  const hasMetrics = checkMetrics(problems, o.metrics);
  checkFunction(problems, 'operation', o.operation);
  const tenant = checkHeaderLabel<FastifyRequest>(problems, 'tenant', o.tenant);
  const vendor = checkHeaderLabel<FastifyRequest>(problems, 'vendor', o.vendor);
  const route = o.metricsRoute;
  if (route !== undefined && route !== false && (typeof route !== 'string' || !route.startsWith('/'))) {
    problems.push({
      field: 'metricsRoute',
      message: `must be a path starting with "/" or false, got ${JSON.stringify(route)}`,
    });
  } else if (route !== false && hasMetrics && o.metrics!.registry === undefined) {
    problems.push({
      field: 'metricsRoute',
      message:
        'the metrics were created with `registry: false`, so there is nothing to serve; pass metricsRoute: false',
    });
  }
  return { problems, tenant, vendor };
}

const plugin: FastifyPluginCallback<CareMetricsPluginOptions> = (fastify: FastifyInstance, options, done) => {
  const { problems, tenant, vendor } = validate(options);
  if (problems.length > 0) {
    done(new ConfigError(problems));
    return;
  }
  const { metrics, operation } = options;
  const metricsRoute = options.metricsRoute ?? '/metrics';

  // One symbol per registration, so two CareMetrics on one server do not collide; decorated up front
  // so every request object keeps one shape (fastify's advice for hot-path properties).
  const kCall = Symbol('hartslag.call');
  const kExposition = Symbol('hartslag.exposition');
  fastify.decorateRequest(kCall, undefined);
  if (!fastify.hasReplyDecorator('careReason')) {
    fastify.decorateReply(kReason, undefined);
    fastify.decorateReply('careReason', function careReason(this: FastifyReply, reason: string | number) {
      (this as unknown as Record<symbol, unknown>)[kReason] = reason;
      return this;
    });
  }
  const state = (request: FastifyRequest) => request as unknown as Record<symbol, CallState>;

  const serveMetrics = async (request: FastifyRequest, reply: FastifyReply) => {
    const registry = metrics.registry!;
    const body = await openExposition(registry);
    reply.header('content-type', registry.contentType);
    if (request.method === 'HEAD') {
      body.destroy();
      return reply.send();
    }
    // Written a piece per turn of the event loop; fastify destroys it if the scraper hangs up.
    return reply.send(body);
  };

  /** The operation handle of a request, or undefined when the request is not counted. */
  const handleOf = (request: FastifyRequest): OperationHandle | undefined => {
    // routeOptions builds a fresh object on every read: read it once.
    const route = request.routeOptions;
    // Scrapes are not traffic: counting them would show the scraper as the busiest caller.
    if ((route.config as unknown as Record<symbol, unknown>)[kExposition] === true) return undefined;
    // Checked before a custom `operation`, which might read request.url: an unrouted path is whatever
    // the caller typed, patient ids included.
    if (route.url === undefined) return metrics.operation(UNMATCHED);
    if (operation === undefined) {
      // The pattern, never request.url: ids in paths (a BSN in /patients/:bsn) must not become labels.
      return metrics.operation((route.config.operation as LabelValue | undefined) ?? `${request.method} ${route.url}`);
    }
    let name: LabelValue;
    try {
      name = operation(request);
    } catch (err) {
      metrics.instrumentationError(err, 'resolver');
      name = INVALID;
    }
    return metrics.operation(name);
  };

  fastify.addHook('onRequest', (request, _reply, next) => {
    try {
      const handle = handleOf(request);
      state(request)[kCall] =
        handle === undefined
          ? false
          : handle.start(resolveLabel(metrics, tenant, request), resolveLabel(metrics, vendor, request));
    } catch (err) {
      metrics.instrumentationError(err);
    }
    next();
  });

  fastify.addHook('onResponse', (request, reply, next) => {
    try {
      const call = state(request)[kCall];
      state(request)[kCall] = false;
      const status = reply.statusCode;
      const code = ((reply as unknown as Record<symbol, unknown>)[kReason] as LabelValue | undefined) ?? status;
      if (call) {
        call.end({ outcome: outcomeOfHttpStatus(status), code });
      } else if (call === undefined) {
        // An onRequest hook registered before ours replied (an auth check's 401), so ours never
        // ran. The call still happened: record it, timed from when fastify received the request.
        handleOf(request)?.record(
          outcomeOfHttpStatus(status),
          reply.elapsedTime / 1000,
          code,
          resolveLabel(metrics, tenant, request),
          resolveLabel(metrics, vendor, request),
        );
      }
    } catch (err) {
      metrics.instrumentationError(err);
    }
    next();
  });

  // The client hung up before the response: its choice, not a platform failure. Recorded here
  // because no onResponse follows for a destroyed socket.
  fastify.addHook('onRequestAbort', (request, next) => {
    try {
      const call = state(request)[kCall];
      state(request)[kCall] = false;
      if (call) call.end({ outcome: 'client_error', code: 'aborted' });
    } catch (err) {
      metrics.instrumentationError(err);
    }
    next();
  });

  // `connectionTimeout` hung up on a slow handler: the server gave up, which burns the budget.
  // Runs before onRequestAbort for the same socket, so the call is not also counted as aborted.
  fastify.addHook('onTimeout', (request, _reply, next) => {
    try {
      const call = state(request)[kCall];
      state(request)[kCall] = false;
      if (call) call.end({ outcome: 'timeout', code: 'connection_timeout' });
    } catch (err) {
      metrics.instrumentationError(err);
    }
    next();
  });

  if (metricsRoute !== false) {
    // Marked through its config: fastify binds handlers, so the function itself cannot be compared.
    fastify.get(metricsRoute, { config: { [kExposition]: true } as FastifyContextConfig }, serveMetrics);
  }
  done();
};

/**
 * Fastify plugin recording every request in `metrics`: operation, outcome (outcomeOfHttpStatus),
 * status code, duration, tenant and vendor; and serving the Prometheus exposition on `metricsRoute`.
 * Wrapped in fastify-plugin so its hooks see the routes of the scope it is registered in.
 *
 * ```ts
 * await app.register(careMetricsPlugin, { metrics, tenant: 'x-pharmacy-id' });
 * app.get('/prescriptions/:id', { config: { operation: 'fetch-prescription' } }, handler);
 * ```
 * Invalid options fail registration (`app.ready()`) with a ConfigError naming each option.
 */
export const careMetricsPlugin = fp(plugin, { name: '@hartslag/metrics', fastify: '5.x' });
