/** An HTTP(S) check: a request, and what its answer must be. */
export interface HttpTarget {
  kind: 'http';
  url: string;
  method: 'GET' | 'HEAD' | 'POST';
  /** Statuses that pass; default [200]. */
  expectStatus: readonly number[];
  /** Text the body must contain (first 64 KiB); absent: any body. */
  expectBody?: string;
  headers: Readonly<Record<string, string>>;
}

/** A TCP check: the port accepts a connection. */
export interface TcpTarget {
  kind: 'tcp';
  host: string;
  port: number;
}

/** A gRPC health check (grpc.health.v1.Health/Check): the answer must be SERVING. */
export interface GrpcTarget {
  kind: 'grpc';
  host: string;
  port: number;
  /** The health service name asked about; "" is the whole server. */
  service: string;
  tls: boolean;
}

export type ProbeTarget = HttpTarget | TcpTarget | GrpcTarget;

/** One probe: what to check and how often. */
export interface ProbeSpec {
  /** Unique, a label value: its calls are recorded as operation `probe:<name>`. */
  name: string;
  target: ProbeTarget;
  /** Milliseconds between runs (fixed rate). */
  intervalMs: number;
  /** Milliseconds a run may take before it is a timeout; at most the interval. */
  timeoutMs: number;
}

export interface ProbeConfig {
  /** The `service` label of the probe runner's calls. */
  service: string;
  probes: ProbeSpec[];
}

export const DEFAULT_INTERVAL_MS = 30_000;
export const DEFAULT_TIMEOUT_MS = 5_000;
