import type { State } from '../state/State.js';

/**
 * Badge colours by state: shields.io's named colours, so an endpoint badge and ours look alike.
 * Unknown is grey, never green: no evidence is not good news.
 */
export const STATE_COLORS: Record<State, string> = {
  operational: 'brightgreen',
  degraded: 'yellow',
  partial_outage: 'orange',
  major_outage: 'red',
  maintenance: 'blue',
  unknown: 'lightgrey',
};
