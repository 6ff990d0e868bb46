import { ConfigError, formatProblem } from '../../src/config/ConfigError.js';
import { parseConfig } from '../../src/config/parseConfig.js';

/** The smallest valid configuration; tests change one thing at a time. */
export const MINIMAL = `apiVersion: hartslag.status/v1
page:
  name: Apotheek Datahub
  timeZone: Europe/Amsterdam
source:
  kind: prometheus
  url: http://127.0.0.1:9090
components:
  - id: medication-history
    name: Medicatiehistorie
    slos: [fetch-medication-history]
`;

/** MINIMAL with a section replaced (or added) by the given YAML. */
export function withSection(name: string, yaml: string): string {
  const lines = MINIMAL.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${name}:`));
  if (start === -1) return `${MINIMAL}${yaml}\n`;
  let end = start + 1;
  while (end < lines.length && (lines[end]!.startsWith(' ') || lines[end] === '') && lines[end] !== '') end++;
  return [...lines.slice(0, start), ...yaml.split('\n'), ...lines.slice(end)].join('\n');
}

/** Every problem parseConfig finds, as the operator reads them; [] when the text is valid. */
export function problemsOf(text: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseConfig(text, 'status.yaml', env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems.map((p) => formatProblem('status.yaml', p));
  }
}
