import { LoadtestError } from '../errors.js';
import type { Scale } from '../scale.js';
import { phases, sessions } from '../shapes/phases.js';
import type { OperationThresholds } from '../thresholds/Thresholds.js';
import { SCENARIOS } from './catalogue.js';
import type { Scenario, ScenarioId, ScenarioPlan } from './Scenario.js';

/** A scenario of the catalogue by id. */
export function scenarioById(id: string): Scenario {
  const found = SCENARIOS.find((s) => s.id === id);
  if (found === undefined) {
    throw new LoadtestError(
      'HARTSLAG_ERR_LOADTEST_SCENARIO',
      `no scenario ${JSON.stringify(id)}; the catalogue has ${SCENARIOS.map((s) => s.id).join(', ')}`,
    );
  }
  return found;
}

/** A scenario at a scale: its flows, its phases (≤ 20), the driver's stages and the thresholds. */
export function planScenario(
  scenario: Scenario | ScenarioId,
  scale: Scale,
  thresholds: readonly OperationThresholds[],
): ScenarioPlan {
  const s = typeof scenario === 'string' ? scenarioById(scenario) : scenario;
  const resolved = { ...scale, timeScale: scale.timeScale ?? s.timeScale[scale.profile] };
  const { shape, stages } = s.arrivals(resolved);
  const list = phases(shape);
  return {
    scenario: s,
    scale: resolved,
    flows: s.flows(resolved),
    phases: list,
    ...(stages !== undefined ? { stages } : {}),
    duration: shape.duration,
    sessions: sessions(list),
    thresholds: s.enforceThresholds ? [...thresholds] : [],
  };
}
