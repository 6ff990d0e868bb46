export { DURATION_UNITS, type DurationUnit, formatDuration, parseDuration } from './duration.js';
export { closest, DEFAULT_EDIT_BUDGET, didYouMean, type EditBudget, editDistance } from './suggest.js';
