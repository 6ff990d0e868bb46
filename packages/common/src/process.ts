/**
 * Node only: child processes the demo and the test kit start (Prometheus, Alertmanager, …) and the
 * polling that waits for them. Kept off the main entry so that stays browser-safe.
 */
export { freePort } from './node/freePort.js';
export { Process, waitFor } from './node/Process.js';
