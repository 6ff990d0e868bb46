import { fileURLToPath } from 'node:url';
import {
  type CallOptions,
  type Client,
  type ClientReadableStream,
  type ClientUnaryCall,
  type ClientWritableStream,
  credentials,
  loadPackageDefinition,
  Metadata,
  Server,
  ServerCredentials,
  type ServerReadableStream,
  type ServerUnaryCall,
  type ServerWritableStream,
  type ServiceClientConstructor,
  type ServiceError,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { afterEach, describe, expect, it } from 'vitest';
import { careMetricsInterceptor, grpcStatusName, outcomeOfGrpcStatus } from '../../src/grpc.js';
import { type CareMetrics, createCareMetrics } from '../../src/index.js';
import {
  BSN,
  callKey,
  durationCountKey,
  eventually,
  expectNoBsn,
  scrape,
  sleep,
  tenantKey,
  totalCalls,
  vendorOf,
} from './helpers.js';

interface RecordRequest {
  patient_bsn?: string;
  behaviour?: string;
  count?: number;
}
interface RecordReply {
  text: string;
}
type Done<T> = (err: ServiceError | null, reply?: T) => void;
interface RecordsClient extends Client {
  GetRecord(req: RecordRequest, md: Metadata, opts: CallOptions, cb: Done<RecordReply>): ClientUnaryCall;
  StreamHistory(req: RecordRequest, md: Metadata, opts?: CallOptions): ClientReadableStream<RecordReply>;
  UploadNotes(md: Metadata, opts: CallOptions, cb: Done<RecordReply>): ClientWritableStream<RecordRequest>;
  MergeRecords(req: RecordRequest, md: Metadata, opts: CallOptions, cb: Done<RecordReply>): ClientUnaryCall;
}

const PROTO = fileURLToPath(new URL('./fixtures/patient_records.proto', import.meta.url));
const { hospital } = loadPackageDefinition(loadSync(PROTO, { keepCase: true, defaults: true })) as unknown as {
  hospital: { PatientRecords: ServiceClientConstructor };
};

const service = 'patient-records';
const GET = 'hospital.PatientRecords/GetRecord';
const HOSPITAL = 'ziekenhuis-7';

/** The test server's answers, chosen by the request's `behaviour`. */
const implementation = {
  GetRecord(call: ServerUnaryCall<RecordRequest, RecordReply>, cb: sendUnaryData<RecordReply>) {
    switch (call.request.behaviour) {
      case 'internal':
        return cb({ code: status.INTERNAL, details: 'record store unreachable' });
      case 'denied':
        return cb({ code: status.PERMISSION_DENIED, details: 'no treatment relationship' });
      case 'slow':
        return void setTimeout(() => cb(null, { text: 'too late' }), 400);
      case 'hang':
        return; // answers never; the client cancels
      default:
        return cb(null, { text: `record of ${call.request.patient_bsn}` });
    }
  },
  StreamHistory(call: ServerWritableStream<RecordRequest, RecordReply>) {
    for (let i = 0; i < (call.request.count ?? 0); i++) call.write({ text: `entry ${i}` });
    call.end();
  },
  UploadNotes(call: ServerReadableStream<RecordRequest, RecordReply>, cb: sendUnaryData<RecordReply>) {
    let n = 0;
    call.on('data', () => n++);
    call.on('end', () => cb(null, { text: String(n) }));
  },
  // MergeRecords left out: grpc-js answers UNIMPLEMENTED for it.
};

let server: Server | undefined;
let client: RecordsClient | undefined;

async function start(): Promise<{ metrics: CareMetrics; client: RecordsClient }> {
  const metrics = createCareMetrics({ service, tenants: { vendorOf } });
  server = new Server({
    interceptors: [careMetricsInterceptor({ metrics, tenantMetadataKey: 'x-hospital-id' })],
  });
  server.addService(hospital.PatientRecords.service, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server!.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  client = new hospital.PatientRecords(`127.0.0.1:${port}`, credentials.createInsecure()) as unknown as RecordsClient;
  return { metrics, client };
}

function metadata(tenant = HOSPITAL): Metadata {
  const md = new Metadata();
  md.set('x-hospital-id', tenant);
  return md;
}

function getRecord(c: RecordsClient, behaviour: string, opts: CallOptions = {}) {
  return new Promise<{ err: ServiceError | null; reply?: RecordReply }>((resolve) => {
    c.GetRecord({ patient_bsn: BSN, behaviour }, metadata(), opts, (err, reply) => resolve({ err, reply }));
  });
}

afterEach(() => {
  client?.close();
  server?.forceShutdown();
  client = undefined;
  server = undefined;
});

describe('gRPC server interceptor', () => {
  it('counts a successful unary call under the method path with code OK, its duration, tenant and vendor', async () => {
    const { metrics, client } = await start();
    const { err, reply } = await getRecord(client, 'ok');
    expect(err).toBeNull();
    expect(reply?.text).toBe(`record of ${BSN}`);
    const s = await scrape(metrics);
    expect(s.get(callKey(service, GET, 'success', 'OK'))).toBe(1);
    expect(s.get(durationCountKey(service, GET, 'success'))).toBe(1);
    expect(s.get(tenantKey(service, HOSPITAL, 'hix', 'success'))).toBe(1);
    expect(totalCalls(s)).toBe(1);
    expectNoBsn(await metrics.registry!.metrics());
  });

  it('counts INTERNAL as server_error and PERMISSION_DENIED as denied, by status name', async () => {
    const { metrics, client } = await start();
    expect((await getRecord(client, 'internal')).err?.code).toBe(status.INTERNAL);
    expect((await getRecord(client, 'denied')).err?.code).toBe(status.PERMISSION_DENIED);
    expect((await getRecord(client, 'denied')).err?.code).toBe(status.PERMISSION_DENIED);
    const s = await scrape(metrics);
    expect(s.get(callKey(service, GET, 'server_error', 'INTERNAL'))).toBe(1);
    expect(s.get(callKey(service, GET, 'denied', 'PERMISSION_DENIED'))).toBe(2);
    expect(s.get(durationCountKey(service, GET, 'denied'))).toBe(2);
    expect(s.get(tenantKey(service, HOSPITAL, 'hix', 'denied'))).toBe(2);
    expect(totalCalls(s)).toBe(3);
  });

  it('counts a call whose client deadline passes before the slow handler answers as a timeout, once', async () => {
    const { metrics, client } = await start();
    const { err } = await getRecord(client, 'slow', { deadline: Date.now() + 100 });
    expect(err?.code).toBe(status.DEADLINE_EXCEEDED);
    await eventually(async () => {
      expect((await scrape(metrics)).get(callKey(service, GET, 'timeout', 'DEADLINE_EXCEEDED'))).toBe(1);
    });
    // The handler still answers OK at 400 ms; that late status must not count the call again.
    await sleep(450);
    const s = await scrape(metrics);
    expect(totalCalls(s)).toBe(1);
    expect(s.get(durationCountKey(service, GET, 'timeout'))).toBe(1);
    expect(s.get(tenantKey(service, HOSPITAL, 'hix', 'timeout'))).toBe(1);
  });

  it('counts a call the client cancels well before its deadline as client_error CANCELLED', async () => {
    const { metrics, client } = await start();
    const call = client.GetRecord({ behaviour: 'hang' }, metadata(), { deadline: Date.now() + 10_000 }, () => {});
    await sleep(50);
    call.cancel();
    await eventually(async () => {
      expect((await scrape(metrics)).get(callKey(service, GET, 'client_error', 'CANCELLED'))).toBe(1);
    });
    expect(totalCalls(await scrape(metrics))).toBe(1);
  });

  it('records a server-streaming call and a client-streaming call once each, however many messages they carry', async () => {
    const { metrics, client } = await start();
    const received: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const stream = client.StreamHistory({ count: 5 }, metadata());
      stream.on('data', (m: RecordReply) => received.push(m.text));
      stream.on('error', reject);
      stream.on('end', resolve);
    });
    expect(received).toHaveLength(5);
    const uploaded = await new Promise<RecordReply | undefined>((resolve, reject) => {
      const up = client.UploadNotes(metadata(), {}, (err, reply) => (err ? reject(err) : resolve(reply)));
      for (let i = 0; i < 3; i++) up.write({ behaviour: 'note' });
      up.end();
    });
    expect(uploaded?.text).toBe('3');
    await eventually(async () => {
      const s = await scrape(metrics);
      expect(s.get(callKey(service, 'hospital.PatientRecords/StreamHistory', 'success', 'OK'))).toBe(1);
      expect(s.get(callKey(service, 'hospital.PatientRecords/UploadNotes', 'success', 'OK'))).toBe(1);
      expect(totalCalls(s)).toBe(2);
    });
  });

  it('counts a method the service left unimplemented as server_error UNIMPLEMENTED', async () => {
    const { metrics, client } = await start();
    const err = await new Promise<ServiceError | null>((resolve) =>
      client.MergeRecords({}, metadata(), {}, (e) => resolve(e)),
    );
    expect(err?.code).toBe(status.UNIMPLEMENTED);
    const s = await scrape(metrics);
    expect(s.get(callKey(service, 'hospital.PatientRecords/MergeRecords', 'server_error', 'UNIMPLEMENTED'))).toBe(1);
  });

  it('counts each of many concurrent calls exactly once', async () => {
    const { metrics, client } = await start();
    const behaviours = Array.from({ length: 60 }, (_, i) => ['ok', 'internal', 'denied'][i % 3]!);
    await Promise.all(behaviours.map((b) => getRecord(client, b)));
    const s = await scrape(metrics);
    expect(totalCalls(s)).toBe(60);
    expect(s.get(callKey(service, GET, 'success', 'OK'))).toBe(20);
    expect(s.get(tenantKey(service, HOSPITAL, 'hix', 'server_error'))).toBe(20);
  });

  it('refuses invalid options with a ConfigError naming each option', () => {
    const metrics = createCareMetrics({ service, registry: false });
    expect(() => careMetricsInterceptor({ metrics, tenantMetadataKey: 'x-id-bin', operation: 'x' as never })).toThrow(
      expect.objectContaining({
        code: 'HARTSLAG_ERR_CONFIG_INVALID',
        message: expect.stringMatching(/tenantMetadataKey[\s\S]*operation|operation[\s\S]*tenantMetadataKey/),
      }),
    );
    expect(() => careMetricsInterceptor({} as never)).toThrow(/metrics: required/);
  });
});

describe('gRPC status outcomes', () => {
  it('maps every status code to the outcome the downtime budget expects, and names it', () => {
    const expected: Record<string, string> = {
      OK: 'success',
      CANCELLED: 'client_error',
      UNKNOWN: 'server_error',
      INVALID_ARGUMENT: 'client_error',
      DEADLINE_EXCEEDED: 'timeout',
      NOT_FOUND: 'client_error',
      ALREADY_EXISTS: 'client_error',
      PERMISSION_DENIED: 'denied',
      RESOURCE_EXHAUSTED: 'denied',
      FAILED_PRECONDITION: 'client_error',
      ABORTED: 'server_error',
      OUT_OF_RANGE: 'client_error',
      UNIMPLEMENTED: 'server_error',
      INTERNAL: 'server_error',
      UNAVAILABLE: 'server_error',
      DATA_LOSS: 'server_error',
      UNAUTHENTICATED: 'denied',
    };
    for (const [name, outcome] of Object.entries(expected)) {
      const code = status[name as keyof typeof status];
      expect(grpcStatusName(code)).toBe(name);
      expect(outcomeOfGrpcStatus(code)).toBe(outcome);
    }
    expect(grpcStatusName(99)).toBe('UNKNOWN');
    expect(outcomeOfGrpcStatus(99)).toBe('server_error');
  });
});
