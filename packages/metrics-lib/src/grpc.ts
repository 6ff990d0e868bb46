/**
 * `@hartslag/metrics/grpc`: the gRPC server interceptor. A separate entry point so that only services
 * importing it need @grpc/grpc-js (an optional peer dependency); the main entry never loads it.
 */
export { type CareMetricsInterceptorOptions, careMetricsInterceptor } from './adapters/grpc.js';
export { grpcStatusName, outcomeOfGrpcStatus } from './adapters/grpcOutcome.js';
