import { clock } from '@hartslag/scenarios';
import { stringify } from 'yaml';
import type { Flow, Step } from '../flows/Flow.js';
import { VARIABLES } from '../flows/flows.js';
import type { Profile } from '../scale.js';
import type { ScenarioPlan } from '../scenarios/Scenario.js';
import { GENERATED_HEADER } from './header.js';

export type ArtilleryPhase =
  | { name: string; pause: number }
  | { name: string; duration: number; arrivalCount: number }
  | { name: string; duration: number; arrivalRate: number; rampTo?: number };

/** Below this many sessions per second Artillery's per-second ramps round to nothing: spread a count instead. */
const MIN_RAMP_RATE = 2;

/**
 * Phases as Artillery phases. Artillery ramps schedule whole arrivals per second, so a ramp keeps
 * arrivalRate/rampTo only where the rate is high enough to survive that rounding; elsewhere a phase
 * becomes an arrivalCount (the same sessions, spread evenly), as do constant phases.
 */
export function artilleryPhases(plan: ScenarioPlan): ArtilleryPhase[] {
  let at = 0;
  return plan.phases.map((p, i) => {
    const name = phaseName(plan, at, i);
    at += p.duration;
    const end = p.rampTo ?? p.arrivalRate;
    // No arrivals (the restart): Artillery's way of waiting.
    if (p.arrivalRate === 0 && end === 0) return { name, pause: p.duration };
    if (p.rampTo !== undefined && Math.min(p.arrivalRate, end) >= MIN_RAMP_RATE) {
      return { name, duration: p.duration, arrivalRate: round2(p.arrivalRate), rampTo: round2(end) };
    }
    return { name, duration: p.duration, arrivalCount: Math.round(((p.arrivalRate + end) / 2) * p.duration) };
  });
}

/** Per operation, Artillery's ensure checks: latency from metrics-by-endpoint, and the share of expected answers. */
export function artilleryEnsure(plan: ScenarioPlan): {
  thresholds: Record<string, number>[];
  conditions: { expression: string; strict: boolean }[];
} {
  const thresholds: Record<string, number>[] = [];
  const conditions: { expression: string; strict: boolean }[] = [];
  const p99s = plan.thresholds.flatMap((t) => t.latency.filter((l) => l.percentile === 99).map((l) => l.maxMs));
  if (p99s.length > 0) thresholds.push({ 'http.response_time.p99': Math.max(...p99s) });
  for (const t of plan.thresholds) {
    const names = namesOf(plan.flows, t.operation);
    for (const name of names.ok) {
      for (const l of t.latency) {
        thresholds.push({
          [`plugins.metrics-by-endpoint.response_time.${name}.${aggregation(l.percentile)}`]: l.maxMs,
        });
      }
      if (t.maxErrorRatio !== undefined) {
        // Counters exist only once counted: a missing code counter makes the check fail, as it should
        // (no expected answer at all). Connection errors have no response and are not in the ratio.
        const status = names.status.get(name)!;
        conditions.push({
          expression: `plugins.metrics-by-endpoint.${name}.codes.${status} / plugins.metrics-by-endpoint.response_time.${name}.count >= ${Number((1 - t.maxErrorRatio).toFixed(6))}`,
          strict: true,
        });
      }
    }
  }
  return { thresholds, conditions };
}

/**
 * An Artillery script for one scenario: `-e smoke` or `-e full` picks the phases; flows with
 * captured tokens, named requests (metrics-by-endpoint), expectations and ensure thresholds.
 */
export function renderArtillery(plans: Readonly<Record<Profile, ScenarioPlan>>): string {
  const { scenario, flows } = plans.full;
  const ensure = artilleryEnsure(plans.full);
  const enforced = ensure.thresholds.length + ensure.conditions.length > 0;
  const variables = Object.fromEntries(
    Object.entries(VARIABLES).flatMap(([name, v]) => (v.kind === 'pick' ? [[name, [...v.values]]] : [])),
  );
  const script = {
    config: {
      target: 'http://127.0.0.1:3000',
      http: { timeout: 10 },
      environments: Object.fromEntries(
        (['smoke', 'full'] as const).map((profile) => [profile, { phases: artilleryPhases(plans[profile]) }]),
      ),
      variables,
      plugins: {
        'metrics-by-endpoint': { useOnlyRequestNames: true },
        expect: { outputFormat: 'silent' },
        // Artillery loads the ensure plugin only when named here; the checks stay under config.ensure.
        ...(enforced ? { ensure: {} } : {}),
      },
      ...(enforced
        ? {
            ensure: {
              ...(ensure.thresholds.length > 0 ? { thresholds: ensure.thresholds } : {}),
              ...(ensure.conditions.length > 0 ? { conditions: ensure.conditions } : {}),
            },
          }
        : {}),
    },
    scenarios: flows.map((f) => ({ name: f.name, weight: f.weight, flow: f.steps.map(step) })),
  };
  const header = [
    `# ${GENERATED_HEADER}`,
    `# ${scenario.title}: ${scenario.description}`,
    `# artillery run -e smoke --target http://127.0.0.1:PORT loadtests/artillery/${scenario.id}.yml`,
    ...stagesComment(plans),
  ];
  return `${header.join('\n')}\n${stringify(script, { lineWidth: 0 })}`;
}

function stagesComment(plans: Readonly<Record<Profile, ScenarioPlan>>): string[] {
  const stages = plans.full.stages;
  if (stages === undefined) return [];
  const out = ['#', '# Stages (seconds from the start; smoke | full) — the driver acts at each:'];
  stages.forEach((s, i) => {
    const smoke = plans.smoke.stages![i]!;
    const faults = Object.keys(s.faults).length > 0 ? ` faults ${JSON.stringify(s.faults)}` : '';
    out.push(
      `#   ${s.name}: ${smoke.start}s | ${s.start}s${s.action ? `, ${s.action}` : ''}${faults}: ${s.description}`,
    );
  });
  return out;
}

function step(s: Step): unknown {
  const request: Record<string, unknown> = { url: template(s.path), name: s.name };
  if (s.auth) request.headers = { authorization: 'Bearer {{ token }}' };
  if (s.body) request.json = Object.fromEntries(Object.entries(s.body).map(([k, v]) => [k, template(v)]));
  if (s.capture) request.capture = { json: s.capture.json, as: s.capture.as };
  request.expect = [{ statusCode: s.expect.status }, ...(s.expect.has ? [{ hasProperty: s.expect.has }] : [])];
  const call = { [s.method === 'GET' ? 'get' : 'post']: request };
  return s.repeat !== undefined && s.repeat > 1 ? { loop: [call], count: s.repeat } : call;
}

/**
 * Placeholders in Artillery's template syntax. Picked values are config.variables (one per
 * session); numbers and providers are drawn per request with $randomNumber, so a session's
 * patient may differ between its calls — the platform does not relate them.
 */
function template(text: string): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = VARIABLES[name];
    if (v === undefined || v.kind === 'pick') return `{{ ${name} }}`;
    // provider-1000 … provider-2999: four digits without padding, all known to the platform.
    if (v.kind === 'provider') return 'provider-{{ $randomNumber(1000, 2999) }}';
    return `${v.prefix}{{ $randomNumber(${v.min}, ${v.max}) }}`;
  });
}

function namesOf(flows: readonly Flow[], operation: string): { ok: string[]; status: Map<string, number> } {
  const status = new Map<string, number>();
  for (const f of flows) {
    for (const s of f.steps)
      if (s.operation === operation && s.expect.status < 400) status.set(s.name, s.expect.status);
  }
  return { ok: [...status.keys()], status };
}

function aggregation(percentile: number): string {
  return percentile === 99.9 ? 'p999' : `p${percentile}`;
}

function phaseName(plan: ScenarioPlan, at: number, i: number): string {
  const stage = plan.stages?.findLast((s) => s.start <= at);
  if (stage) return `${stage.name} ${i + 1}`;
  if (plan.scenario.startsAt === undefined) return `phase ${i + 1}`;
  // Run seconds back to the clock: the phase's start as a time of day.
  const time = clock(plan.scenario.startsAt) + at * plan.scale.timeScale;
  const hh = String(Math.floor(time / 3600) % 24).padStart(2, '0');
  const mm = String(Math.floor((time % 3600) / 60)).padStart(2, '0');
  return `${hh}:${mm} (${i + 1})`;
}

function round2(rate: number): number {
  return Math.round(rate * 100) / 100;
}
