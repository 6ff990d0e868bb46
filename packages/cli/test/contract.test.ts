import { careMetricsPlugin, createCareMetrics } from '@hartslag/metrics';
import { freePort } from '@hartslag/testkit';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContract, parseExposition } from '../src/index.js';
import { hartslag, serveText } from './support.js';

/** What a team wrote by hand before adopting the contract: plausible, and wrong in every way the check knows. */
const HAND_WRITTEN = `# HELP care_calls Calls served.
# TYPE care_calls counter
care_calls{job="pharmacy-api",route="/history",status="error",status_code="500"} 3
care_calls{job="pharmacy-api",route="/history",status="ok",status_code="200"} 97
# TYPE care_call_duration_milliseconds histogram
care_call_duration_milliseconds_bucket{job="pharmacy-api",route="/history",le="100"} 50
care_call_duration_milliseconds_bucket{job="pharmacy-api",route="/history",le="500"} 90
care_call_duration_milliseconds_bucket{job="pharmacy-api",route="/history",le="+Inf"} 100
care_call_duration_milliseconds_sum{job="pharmacy-api",route="/history"} 12000
care_call_duration_milliseconds_count{job="pharmacy-api",route="/history"} 100
# TYPE care_tenant_calls_total counter
care_tenant_calls_total{service="pharmacy-api",tenant="j.jansen@example.nl",vendor="pharmasoft",outcome="success"} 4
`;

/** client_golang's exposition of a Go service that counts its calls by the contract (DefBuckets, no 30 s bound). */
const GO_SERVICE = `# HELP care_call_duration_seconds Call duration in seconds, by operation and outcome.
# TYPE care_call_duration_seconds histogram
${[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, '+Inf']
  .map(
    (le, i) =>
      `care_call_duration_seconds_bucket{operation="lookup",outcome="success",service="hospital-record",le="${le}"} ${10 + i}`,
  )
  .join('\n')}
care_call_duration_seconds_sum{operation="lookup",outcome="success",service="hospital-record"} 4.2
care_call_duration_seconds_count{operation="lookup",outcome="success",service="hospital-record"} 21
# HELP care_calls_total Calls handled, by operation, outcome and code.
# TYPE care_calls_total counter
care_calls_total{code="OK",operation="lookup",outcome="success",service="hospital-record"} 21
care_calls_total{code="Unavailable",operation="lookup",outcome="server_error",service="hospital-record"} 2
# HELP go_gc_duration_seconds A summary of the wall-time pause (stop-the-world) duration in garbage collection cycles.
# TYPE go_gc_duration_seconds summary
go_gc_duration_seconds{quantile="0"} 2.4938e-05
go_gc_duration_seconds{quantile="1"} 0.000245281
go_gc_duration_seconds_sum 0.001364396
go_gc_duration_seconds_count 9
# HELP go_goroutines Number of goroutines that currently exist.
# TYPE go_goroutines gauge
go_goroutines 12
# HELP process_resident_memory_bytes Resident memory size in bytes.
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 1.5548416e+07
# HELP promhttp_metric_handler_requests_total Total number of scrapes by HTTP status code.
# TYPE promhttp_metric_handler_requests_total counter
promhttp_metric_handler_requests_total{code="200"} 3
`;

describe('hartslag contract check against our own fastify service', () => {
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    const metrics = createCareMetrics({ service: 'medication-history', tenants: { vendorOf: () => 'pharmasoft' } });
    app = Fastify();
    await app.register(careMetricsPlugin, { metrics, tenant: 'x-pharmacy-id' });
    app.get('/history', { config: { operation: 'fetch-medication-history' } }, async () => ({ medications: [] }));
    app.get('/boom', { config: { operation: 'register-dispensation' } }, async (_req, reply) => reply.code(503).send());
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    for (const path of ['/history', '/history', '/boom']) {
      await fetch(`${url}${path}`, { headers: { 'x-pharmacy-id': 'apotheek-0042' } });
    }
  });
  afterAll(() => app.close());

  it('says every call metric follows the contract, and exits 0', async () => {
    const r = await hartslag(['contract', 'check', `${url}/metrics`]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ care_calls_total: counter with labels service, operation, outcome, code; 2 series');
    expect(r.out).toContain(
      '✓ care_call_duration_seconds: histogram with labels service, operation, outcome; 10 series',
    );
    expect(r.out).toContain(
      '✓ care_tenant_calls_total: counter with labels service, tenant, vendor, outcome; 2 series',
    );
    expect(r.out).toContain('✓ care_vendor_calls_total: counter with labels service, vendor, outcome; 2 series');
    expect(r.out).not.toContain('✗');
    expect(r.out).toMatch(/follows the contract: the generated rules and dashboards can read this service\n$/);
  });
});

describe('hartslag contract check against a hand-written exposition', () => {
  it('names every wrong name, label, value and unit with its fix, and exits 1', async () => {
    const server = await serveText(HAND_WRITTEN);
    try {
      const r = await hartslag(['contract', 'check', server.url]);
      expect(r.code).toBe(1);
      const fixes = r.out.split('\n').filter((l) => l.startsWith('✗'));
      expect(fixes).toEqual([
        "✗ care_calls_total: fix: samples are named care_calls: a counter's samples end in _total, name them care_calls_total",
        '✗ care_calls_total: fix: rename label job to service',
        '✗ care_calls_total: fix: rename label route to operation',
        '✗ care_calls_total: fix: rename label status to outcome',
        '✗ care_calls_total: fix: rename label status_code to code',
        '✗ care_calls_total: fix: outcome="error" is not one of success|client_error|server_error|timeout|denied: record it as outcome="server_error"',
        '✗ care_calls_total: fix: outcome="ok" is not one of success|client_error|server_error|timeout|denied: record it as outcome="success"',
        '✗ care_call_duration_seconds: fix: missing: expose care_call_duration_seconds as a histogram with labels service, operation, outcome — rename care_call_duration_milliseconds to care_call_duration_seconds, in seconds',
        '✗ care_tenant_calls_total: fix: label tenant carries what looks like email (patient data must never be a label): use a pseudonymous id, or @hartslag/metrics, which redacts it',
      ]);
      expect(r.out).toContain('· care_vendor_calls_total: not exposed: no "which vendor is hurt" breakdown');
      expect(r.out).toMatch(/9 fixes needed before the generated rules and dashboards can read this service\n$/);
    } finally {
      await server.close();
    }
  });

  it("a Go service's exposition that follows the contract passes; Go's default buckets lack the 30 s bound, which is a remark", () => {
    const report = checkContract(parseExposition(GO_SERVICE));
    expect(report.ok).toBe(true);
    expect(report.findings.filter((f) => f.status === 'ok').map((f) => f.series)).toEqual([
      'care_calls_total',
      'care_call_duration_seconds',
    ]);
    expect(report.findings).toContainEqual({
      status: 'note',
      series: 'care_call_duration_seconds',
      message: 'no bucket bounds 30: a latency SLO must use a bound you expose (DEFAULT_DURATION_BUCKETS has them all)',
    });
    expect(report.ignored).toEqual([
      'go_gc_duration_seconds',
      'go_goroutines',
      'process_resident_memory_bytes',
      'promhttp_metric_handler_requests_total',
    ]);
  });

  it('a service without care_calls_total is told where its request counts belong', () => {
    const report = checkContract(
      parseExposition('# TYPE http_requests_total counter\nhttp_requests_total{code="200",method="get"} 5\n'),
    );
    expect(report.ok).toBe(false);
    expect(report.findings[0]!.message).toBe(
      'missing: expose care_calls_total as a counter with labels service, operation, outcome, code; the calls counted in http_requests_total belong there, one series per operation and outcome (@hartslag/metrics does it for Node; elsewhere count them yourself)',
    );
  });
});

/** Spring Boot's Micrometer exposition of a Java service that counts requests its own way. */
const JAVA_SERVICE = `# HELP http_server_requests_seconds
# TYPE http_server_requests_seconds summary
http_server_requests_seconds_count{exception="None",method="GET",outcome="SUCCESS",status="200",uri="/history"} 42.0
http_server_requests_seconds_sum{exception="None",method="GET",outcome="SUCCESS",status="200",uri="/history"} 1.27
# HELP jvm_threads_live_threads The current number of live threads
# TYPE jvm_threads_live_threads gauge
jvm_threads_live_threads 31.0
`;

describe("hartslag contract check against a Java service's Micrometer exposition", () => {
  it('says the contract metrics are missing and that the requests Micrometer counts belong in care_calls_total', async () => {
    const server = await serveText(JAVA_SERVICE);
    try {
      const r = await hartslag(['contract', 'check', server.url]);
      expect(r.code).toBe(1);
      expect(r.out).toContain(
        '✗ care_calls_total: fix: missing: expose care_calls_total as a counter with labels service, operation, outcome, code; the calls counted in http_server_requests_seconds belong there',
      );
      expect(r.out).toContain(
        '✗ care_call_duration_seconds: fix: missing: expose care_call_duration_seconds as a histogram with labels service, operation, outcome\n',
      );
      expect(r.out).toContain(
        "· left alone, not the contract's: http_server_requests_seconds, jvm_threads_live_threads\n",
      );
    } finally {
      await server.close();
    }
  });
});

describe('hartslag contract check on bad input', () => {
  it('a service that is down: HARTSLAG_ERR_CLI_SCRAPE naming the URL, exit 1', async () => {
    const url = `http://127.0.0.1:${await freePort()}/metrics`;
    const r = await hartslag(['contract', 'check', url]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `HARTSLAG_ERR_CLI_SCRAPE: cannot scrape ${url} (ECONNREFUSED): is the service running and listening there? Check the host, port and path\n`,
    );
  });

  it('a path that is not the metrics: the HTTP status and where to point', async () => {
    const server = await serveText('not found', 404);
    try {
      const r = await hartslag(['contract', 'check', server.url]);
      expect(r.err).toContain('answered HTTP 404, not 200: point at the service');
    } finally {
      await server.close();
    }
  });

  it('a web page instead of an exposition: HARTSLAG_ERR_CLI_EXPOSITION quoting the line', async () => {
    const server = await serveText('<html><body>Welcome</body></html>\n', 200, 'text/html');
    try {
      const r = await hartslag(['contract', 'check', server.url]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(
        /^HARTSLAG_ERR_CLI_EXPOSITION: line 1 of the exposition is not a Prometheus sample \(no metric name\): <html>/,
      );
    } finally {
      await server.close();
    }
  });

  it('no URL, a non-http URL, or an unknown flag: usage errors with exit 2', async () => {
    for (const argv of [
      ['contract', 'check'],
      ['contract', 'check', 'ftp://x/metrics'],
      ['contract', 'check', '--fast', 'http://x'],
    ]) {
      const r = await hartslag(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(/^HARTSLAG_ERR_CLI_USAGE: /);
    }
  });
});
