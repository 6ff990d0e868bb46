import { createWriteStream } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type CareMetrics, createCareMetrics } from '@hartslag/metrics';
import { seededRandom } from '@hartslag/scenarios';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { Registry } from 'prom-client';
import { type Session, TokenSigner } from './auth/TokenSigner.js';
import { type ReferencePlatformOptions, resolveOptions } from './config/options.js';
import { Faults } from './faults/Faults.js';
import type { PlatformContext } from './operations/context.js';
import { LatencyModel } from './operations/LatencyModel.js';
import { Downstream } from './queue/Downstream.js';
import { MessageQueue } from './queue/MessageQueue.js';
import { registerQueueMetrics } from './queue/queueMetrics.js';
import { adminRoutes } from './routes/admin.js';
import { careRoutes } from './routes/care.js';
import { loginRoutes } from './routes/login.js';
import { vendorOfTenant } from './tenants.js';

/** The `service` label of every series the platform exports. */
export const SERVICE = 'reference-platform';
/** The message pipeline the queue records its stages on: store (commit), then deliver (downstream). */
export const MESSAGE_PIPELINE = 'send-message';

/** How long in-flight calls may take to finish when the platform closes. */
const CLOSE_GRACE_MS = 500;

export interface ReferencePlatform {
  app: FastifyInstance;
  /** `http://host:port` once listening (with the `port` option, or after `app.listen`). */
  readonly url: string | undefined;
  queue: MessageQueue;
  faults: Faults;
  /** The platform's metrics (served at GET /metrics): for an in-process SLO evaluator. */
  metrics: CareMetrics;
  /**
   * A token as POST /login would issue it, without checking user or contract: for tests and demos
   * of a tenant whose contract ended while its token lives.
   */
  issueToken(user: string, tenant: string): string;
  /** Releases stalled calls, stops the server, lets workers finish their message, closes the queue. */
  close(): Promise<void>;
}

/**
 * A small healthcare platform to test against. Throws PlatformError (HARTSLAG_ERR_PLATFORM_OPTIONS,
 * HARTSLAG_ERR_PLATFORM_DATA_DIR) when it cannot start.
 */
export async function createReferencePlatform(options: ReferencePlatformOptions): Promise<ReferencePlatform> {
  const o = resolveOptions(options);
  const random = seededRandom(o.seed);
  const downstream = new Downstream(o.deliveryMs);
  // prom-client's, named here: the queue's own gauges are prom-client metrics in the same registry.
  const registry = new Registry();
  const metrics = createCareMetrics({ service: SERVICE, registry, tenants: { vendorOf: vendorOfTenant } });
  const sendMessage = metrics.pipeline(MESSAGE_PIPELINE);
  const queue = MessageQueue.open({
    dataDir: o.dataDir,
    downstream,
    workers: o.workers,
    batchSize: o.batchSize,
    stages: { store: sendMessage.stage('store'), deliver: sendMessage.stage('deliver') },
  });
  registerQueueMetrics(registry, queue, downstream, SERVICE);
  const faults = new Faults(downstream, random, queue);
  const tokens = new TokenSigner();
  const sessions = new WeakMap<FastifyRequest, Session | null>();
  const accessLog = o.accessLog === undefined ? undefined : createWriteStream(o.accessLog, { flags: 'a' });
  const ctx: PlatformContext = {
    metrics,
    tokens,
    faults,
    latency: new LatencyModel(o.latencyScale, random),
    queue,
    sessionOf(request) {
      let s = sessions.get(request);
      if (s === undefined) {
        s = tokens.fromAuthorization(request.headers.authorization) ?? null;
        sessions.set(request, s);
      }
      return s ?? undefined;
    },
    ...(accessLog === undefined ? {} : { accessLog: (line: string) => void accessLog.write(line) }),
  };

  const app = Fastify({ logger: false, connectionTimeout: o.callTimeoutMs });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      faults.stop();
      // A client that gave up may leave its connection open with a dead request on it, which would
      // hold server.close until the client's keep-alive timer ends: cut what is left after a grace.
      const grace = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
      await app.close();
      clearTimeout(grace);
      await queue.close();
      if (accessLog !== undefined) await new Promise<void>((resolve) => accessLog.end(resolve));
    })();
    return closing;
  };
  try {
    await app.register(loginRoutes(ctx));
    await app.register(careRoutes(ctx));
    await app.register(adminRoutes({ adminToken: o.adminToken, faults, queue }));
    if (o.port !== undefined) await app.listen({ port: o.port, host: o.host });
    else await app.ready();
  } catch (err) {
    await close();
    throw err;
  }

  return {
    app,
    get url() {
      const address = app.server.address() as AddressInfo | null;
      if (address === null || typeof address === 'string') return undefined;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${host}:${address.port}`;
    },
    queue,
    faults,
    metrics,
    issueToken: (user, tenant) => tokens.issue(user, tenant),
    close,
  };
}
