import { createInterface } from 'node:readline';
import type { IncidentScheduler } from '../incident/IncidentScheduler.js';

/**
 * Lines typed on standard input: `i` starts an incident now, `r` recovers; anything else gets a
 * one-line reminder. Returns the function that stops listening.
 */
export function listenForCommands(
  input: NodeJS.ReadableStream,
  incident: Pick<IncidentScheduler, 'trigger' | 'recover'>,
  write: (text: string) => void,
): () => void {
  const lines = createInterface({ input, terminal: false });
  lines.on('line', (line) => {
    const command = line.trim().toLowerCase();
    if (command === 'i') {
      if (!incident.trigger()) write('An incident is already on; r + Enter recovers.\n');
    } else if (command === 'r') {
      if (!incident.recover()) write('No incident is on; i + Enter starts one.\n');
    } else if (command !== '') {
      write('Type i + Enter to start an incident, r + Enter to recover, Ctrl-C to stop.\n');
    }
  });
  return () => lines.close();
}
