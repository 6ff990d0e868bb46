import { parse } from 'yaml';
import { ReceiversError } from '../errors.js';
import type { Receiver } from './AlertmanagerConfig.js';

/** What a receivers file may hold: Alertmanager's own `global`, `templates` and `receivers` sections. */
export interface ReceiversSection {
  global?: Record<string, unknown>;
  templates?: string[];
  receivers: Receiver[];
}

const KEYS = ['global', 'templates', 'receivers'];

const isMapping = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a receivers file (YAML, the sections of alertmanager.yml that say where notifications
 * go). Integrations are passed through for Alertmanager to check; this checks the shape and that
 * every receiver the routes name (`required`) is defined once. Lists every problem at once.
 */
export function readReceivers(
  text: string,
  file: string,
  required: readonly string[],
  reserved: string,
): ReceiversSection {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new ReceiversError(file, [`not valid YAML: ${(err as Error).message.split('\n')[0]}`]);
  }
  if (!isMapping(doc)) throw new ReceiversError(file, ['must be a mapping with a `receivers:` list']);
  const problems: string[] = [];
  for (const key of Object.keys(doc)) {
    if (!KEYS.includes(key)) problems.push(`unknown section "${key}": only ${KEYS.join(', ')} are read`);
  }
  const { global, templates, receivers } = doc;
  if (global !== undefined && !isMapping(global)) problems.push('global must be a mapping');
  if (templates !== undefined && !(Array.isArray(templates) && templates.every((t) => typeof t === 'string'))) {
    problems.push('templates must be a list of file patterns');
  }
  const names: string[] = [];
  if (!Array.isArray(receivers)) {
    problems.push('receivers must be a list of receivers, each with a name');
  } else {
    receivers.forEach((r: unknown, i) => {
      const name = isMapping(r) ? r.name : undefined;
      if (typeof name !== 'string' || name === '') problems.push(`receivers[${i}] has no name`);
      else if (names.includes(name)) problems.push(`receivers[${i}]: the name "${name}" is defined twice`);
      else if (name === reserved)
        problems.push(`receivers[${i}]: the name "${name}" is the generated silent receiver's`);
      else names.push(name);
    });
    for (const name of new Set(required)) {
      if (!names.includes(name)) {
        problems.push(`no receiver named "${name}", which the routes send to (defined: ${names.join(', ') || 'none'})`);
      }
    }
  }
  if (problems.length > 0) throw new ReceiversError(file, problems);
  return {
    ...(global !== undefined ? { global: global as Record<string, unknown> } : {}),
    ...(templates !== undefined ? { templates: templates as string[] } : {}),
    receivers: receivers as Receiver[],
  };
}
