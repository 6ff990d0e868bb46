import { MORNING_START } from '@hartslag/scenarios';
import { careProviderSession, DENIED_LOGIN } from '../flows/flows.js';
import { morningShape } from '../shapes/morning.js';
import { restartStormStages, stagesShape } from '../shapes/restartStorm.js';
import { steadyDayShape } from '../shapes/steadyDay.js';
import type { Scenario } from './Scenario.js';

/** Messages a restart-storm session sends: the backlog fills from backlog / this many sessions. */
export const STORM_MESSAGES_PER_SESSION = 20;

export const MORNING_LOGIN_SPIKE: Scenario = {
  id: 'morning-login-spike',
  title: 'Morning login spike',
  description:
    'Night baseline, then about 3,000 care providers log in within the quarter of an hour around 08:00, fetch medication histories and prescriptions and send messages; the lunch dip follows (05:30–13:30).',
  startsAt: MORNING_START,
  // 8 hours: in 40 s for CI, in real time for a full test.
  timeScale: { smoke: 720, full: 1 },
  flows: () => [careProviderSession(2), DENIED_LOGIN],
  arrivals: (s) => ({ shape: morningShape(s.peakUsers, s.timeScale) }),
  enforceThresholds: true,
};

function restartStorm(jitter: boolean): Scenario {
  return {
    id: jitter ? 'restart-storm-jittered' : 'restart-storm',
    title: jitter ? 'Restart storm, jittered reconnects' : 'Restart storm, thundering herd',
    description: `Traffic continues while the downstream is down and a backlog builds (default 200,000 messages), the service restarts, ${
      jitter ? 'every client logs in again spread by full-jitter backoff' : 'every client logs in again at once'
    }, and the backlog drains. The driver flips the faults per stage and checks accepted == delivered.`,
    timeScale: { smoke: 6, full: 1 },
    flows: () => [careProviderSession(STORM_MESSAGES_PER_SESSION), DENIED_LOGIN],
    arrivals: (s) => {
      const stages = restartStormStages({
        peakUsers: s.peakUsers,
        backlog: s.backlog,
        messagesPerSession: STORM_MESSAGES_PER_SESSION,
        timeScale: s.timeScale,
        jitter,
      });
      return { shape: stagesShape(stages), stages };
    },
    enforceThresholds: false,
  };
}

export const RESTART_STORM: Scenario = restartStorm(false);
export const RESTART_STORM_JITTERED: Scenario = restartStorm(true);

export const STEADY_DAY: Scenario = {
  id: 'steady-day',
  title: 'Steady day (soak)',
  description: 'A whole working day of sessions following the daily rhythm, time-compressed, to find leaks and drift.',
  startsAt: '00:00',
  // 24 hours: in 36 s for CI, in one hour for a soak.
  timeScale: { smoke: 2400, full: 24 },
  flows: () => [careProviderSession(2), DENIED_LOGIN],
  arrivals: (s) => ({ shape: steadyDayShape(s.peakUsers, s.timeScale) }),
  enforceThresholds: true,
};

export const SCENARIOS: readonly Scenario[] = [MORNING_LOGIN_SPIKE, RESTART_STORM, RESTART_STORM_JITTERED, STEADY_DAY];
