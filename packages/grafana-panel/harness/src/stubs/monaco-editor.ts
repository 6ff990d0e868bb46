/**
 * Stands in for `monaco-editor`, which @grafana/ui's CommonJS build requires at load time for its
 * code editor. Grafana serves Monaco separately; a panel preview never opens a code editor, and
 * bundling the real one (ESM only, several MB) would slow every page load of the harness.
 */
export const editor = {};
export const languages = {};
