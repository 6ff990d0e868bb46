// `@hartslag/status-api/demo`: the showcase page and seeded history, for demos, screenshots and
// tests, kept out of the main entry so a production service does not carry them.
export { type SeedOptions, seedHistory } from './seedHistory.js';
export { buildShowcase, SHOWCASE_COMPONENTS, SHOWCASE_PROVIDERS, ShowcaseSource } from './showcase.js';
