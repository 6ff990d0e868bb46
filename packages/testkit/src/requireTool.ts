import { spawnSync } from 'node:child_process';

const PACKAGES: Record<string, string> = {
  prometheus: 'prometheus',
  promtool: 'prometheus',
  'prometheus-pushgateway': 'prometheus-pushgateway',
  'prometheus-alertmanager': 'prometheus-alertmanager',
  amtool: 'prometheus-alertmanager',
  go: 'golang-go',
  'victoria-metrics': 'victoria-metrics',
  vmalert: 'victoria-metrics',
  turnserver: 'coturn',
};

/** Fails with the install line when a real tool the tests need is not on PATH. */
export function requireTool(command: string): void {
  if (spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0) return;
  const pkg = PACKAGES[command] ?? command;
  throw new Error(
    `${command} is not installed. The tests use the real one: apt-get install -y --no-install-recommends ${pkg} ` +
      '(or run the README test command as root, which installs it).',
  );
}
