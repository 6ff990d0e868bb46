/**
 * Node only: the committed output of a generator (dashboards, load tests) and its drift check,
 * used by the generators' CLIs at run time and by their golden tests.
 */
export { drifted, type GeneratedFile, writeGenerated } from './node/generatedFiles.js';
