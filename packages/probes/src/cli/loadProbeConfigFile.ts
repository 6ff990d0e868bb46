import { readFileSync } from 'node:fs';
import type { ProbeConfig } from '../config/ProbeSpec.js';
import { readProbeConfig } from '../config/readProbeConfig.js';
import { ProbeFileError } from '../errors.js';

/** Reads and checks a probes config file: ProbeFileError when unreadable, ProbeConfigError when invalid. */
export function loadProbeConfigFile(file: string): ProbeConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ProbeFileError(file, err);
  }
  return readProbeConfig(text, file);
}
