import * as grpc from '@grpc/grpc-js';

/**
 * A real gRPC server (grpc-js) with grpc.health.v1.Health/Check, answering from `statuses`
 * (service name → serving status); an unknown name gets NOT_FOUND, as the reference service does.
 * The messages are coded by hand: one field each, no proto loader needed.
 */
export async function grpcHealthServer(
  statuses: Map<string, number>,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = new grpc.Server();
  const definition: grpc.ServiceDefinition = {
    Check: {
      path: '/grpc.health.v1.Health/Check',
      requestStream: false,
      responseStream: false,
      requestSerialize: (v: { service: string }) => Buffer.from(v.service),
      // An object, not the bare name: grpc-js takes a falsy request ("") for no request at all.
      requestDeserialize: (b: Buffer) => ({ service: readServiceName(b) }),
      responseSerialize: (status: number) => (status === 0 ? Buffer.alloc(0) : Buffer.from([0x08, status])),
      responseDeserialize: (b: Buffer) => b[1] ?? 0,
    },
  };
  server.addService(definition, {
    Check: (call: grpc.ServerUnaryCall<{ service: string }, number>, callback: grpc.sendUnaryData<number>) => {
      const status = statuses.get(call.request.service);
      if (status === undefined) callback({ code: grpc.status.NOT_FOUND, details: 'unknown service' });
      else callback(null, status);
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    port,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

function readServiceName(b: Buffer): string {
  if (b.length === 0) return '';
  // field 1, wire type 2: tag 0x0a, a length under 128, the name.
  return b.subarray(2, 2 + (b[1] ?? 0)).toString('utf8');
}
