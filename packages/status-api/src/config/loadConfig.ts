import { readFileSync } from 'node:fs';
import { ConfigError } from './ConfigError.js';
import { parseConfig } from './parseConfig.js';
import type { StatusConfig } from './StatusConfig.js';

/**
 * Reads and checks the status configuration file. `env` (default process.env) supplies
 * DATABASE_URL and the `${NAME}` references in source.headers.
 */
export function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): StatusConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ConfigError(
      path,
      [
        {
          path: '',
          line: 0,
          column: 0,
          message: `cannot be read (${reason}); check the path (relative to ${process.cwd()}) and its permissions`,
        },
      ],
      { code: 'HARTSLAG_ERR_STATUS_CONFIG_UNREADABLE', cause: err },
    );
  }
  return parseConfig(text, path, env);
}
