import http from 'node:http';
import { createCareMetrics } from '@hartslag/metrics';
import { ProbeRunner, readProbeConfig } from '@hartslag/probes';

// A stand-in for the eHealth platform's health endpoint, and a video vendor that is down.
const ehealth = http.createServer((_req, res) => res.end('{"status":"ok"}'));
await new Promise<void>((resolve) => ehealth.listen(0, '127.0.0.1', resolve));
const port = (ehealth.address() as { port: number }).port;

const config = readProbeConfig(
  `apiVersion: hartslag.probes/v1
service: probes
probes:
  - name: ehealth
    interval: 1s
    timeout: 500ms
    http: { url: "http://127.0.0.1:${port}/health", expectBody: '"ok"' }
  - name: video-vendor
    interval: 1s
    timeout: 500ms
    tcp: { host: 127.0.0.1, port: 9 }
`,
  'probes.yaml',
);

// Probe runs are calls: the same CareMetrics (and SLO evaluator, /metrics, status page) as a service.
const metrics = createCareMetrics({ service: config.service });
const runner = new ProbeRunner(config.probes, {
  metrics,
  onResult: (probe, r) => console.log(`${probe.name}: ${r.outcome} ${r.code}`),
});
runner.start();
await new Promise((resolve) => setTimeout(resolve, 3_500));
await runner.stop();
ehealth.close();

console.log(`runs ${runner.stats().finished}, skipped ${runner.stats().skipped}`);
const text = (await metrics.registry?.metrics()) ?? '';
console.log(
  text
    .split('\n')
    .filter((l) => l.startsWith('care_calls_total{'))
    .join('\n'),
);
