// Checks that the real tools the tests start are there (Prometheus and promtool from Debian's
// `prometheus` package, the Pushgateway from `prometheus-pushgateway`, Alertmanager and amtool
// from `prometheus-alertmanager`, PostgreSQL's server from `postgresql`, the browser for
// screenshots from `chromium`, Go from `golang-go` to build the OpenSLO validator `oslo` and the
// Go programs of tools/ (the OpenTelemetry Collector, a gRPC service) from their modules,
// VictoriaMetrics and vmalert from `victoria-metrics`, haproxy in front of status-api replicas).
// As root on Debian it
// installs what is missing, so the README's test command works on a fresh machine; otherwise it
// says exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { GO_TOOLS, goToolBinary } from './build-go-tool.mjs';

const NEEDED = [
  { command: 'promtool', pkg: 'prometheus' },
  { command: 'prometheus', pkg: 'prometheus' },
  { command: 'prometheus-pushgateway', pkg: 'prometheus-pushgateway' },
  { command: 'prometheus-alertmanager', pkg: 'prometheus-alertmanager' },
  { command: 'amtool', pkg: 'prometheus-alertmanager' },
  // Debian keeps the server binaries off PATH, one folder per major version.
  { command: 'initdb', pkg: 'postgresql', test: 'ls /usr/lib/postgresql/*/bin/initdb || command -v initdb' },
  { command: 'chromium', pkg: 'chromium' },
  { command: 'go', pkg: 'golang-go' },
  // The load balancer in front of status-api replicas.
  { command: 'haproxy', pkg: 'haproxy' },
  { command: 'victoria-metrics', pkg: 'victoria-metrics' },
  { command: 'vmalert', pkg: 'victoria-metrics' },
  // The TURN server the self-test page is tried against in Chromium.
  { command: 'turnserver', pkg: 'coturn' },
];

const has = (command, test = `command -v ${command}`) =>
  spawnSync('sh', ['-c', test], { stdio: 'ignore' }).status === 0;
const missing = [...new Set(NEEDED.filter((t) => !has(t.command, t.test)).map((t) => t.pkg))];
// Built here, before any test starts: the first build takes minutes, longer than a test may wait.
const buildGoTools = () => {
  for (const name of GO_TOOLS) console.log(`tools/${name}: ${goToolBinary(name)}`);
  process.exit(0);
};
if (missing.length === 0) buildGoTools();

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && has('apt-get')) {
  console.log(`installing Debian packages for the tests: ${missing.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  buildGoTools();
}
console.error(
  `The tests start real tools that are missing here: ${missing.join(' ')}.\n` +
    `Install them, e.g. on Debian/Ubuntu: sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`,
);
process.exit(1);
