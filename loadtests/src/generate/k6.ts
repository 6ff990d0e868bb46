import type { Flow, Step, Variable } from '../flows/Flow.js';
import { VARIABLES } from '../flows/flows.js';
import type { Profile } from '../scale.js';
import type { ScenarioPlan } from '../scenarios/Scenario.js';
import type { Phase } from '../shapes/phases.js';
import type { OperationThresholds } from '../thresholds/Thresholds.js';
import { GENERATED_HEADER, requestsPerSession } from './header.js';

/** k6 ramping-arrival-rate stages, in sessions per minute (k6 rates are whole numbers per time unit). */
export interface K6Arrivals {
  startRate: number;
  stages: { target: number; duration: string }[];
  preAllocatedVUs: number;
  maxVUs: number;
}

/** Phases as k6 stages: a ramp is one stage; a jump is a 0 s stage to the new rate first. */
export function k6Arrivals(plan: ScenarioPlan): K6Arrivals {
  const perMinute = (rate: number) => Math.round(rate * 60);
  const first = plan.phases[0];
  const startRate = first ? perMinute(first.arrivalRate) : 0;
  const stages: K6Arrivals['stages'] = [];
  let current = startRate;
  for (const p of plan.phases) {
    const from = perMinute(p.arrivalRate);
    if (from !== current) stages.push({ target: from, duration: '0s' });
    current = perMinute(p.rampTo ?? p.arrivalRate);
    stages.push({ target: current, duration: `${p.duration}s` });
  }
  // Sessions in flight = arrivals/s × session length; a session makes its calls back to back,
  // a quarter of a second each at worst, with room for twice that when the platform slows down.
  const peak = Math.max(...plan.phases.map(peakOf));
  const requests = Math.max(...plan.flows.map((f) => requestsPerSession(f.steps)));
  const maxVUs = Math.max(10, Math.ceil(peak * requests * 0.25 * 2));
  return { startRate, stages, preAllocatedVUs: Math.ceil(maxVUs / 4), maxVUs };
}

/** k6 thresholds per operation tag, from the SLO thresholds. */
export function k6Thresholds(plan: ScenarioPlan): Record<string, string[]> {
  return k6ThresholdsOf(plan.thresholds);
}

/** k6 thresholds per operation tag for any list of operation limits (`hartslag init` writes them too). */
export function k6ThresholdsOf(thresholds: readonly OperationThresholds[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of thresholds) {
    if (t.latency.length > 0) {
      out[`http_req_duration{operation:${t.operation}}`] = t.latency.map((l) => `p(${l.percentile})<${l.maxMs}`);
    }
    if (t.maxErrorRatio !== undefined) out[`http_req_failed{operation:${t.operation}}`] = [`rate<${t.maxErrorRatio}`];
  }
  return out;
}

/**
 * An ES-module k6 script for one scenario: both profiles' arrivals (HARTSLAG_PROFILE picks one),
 * one ramping-arrival-rate scenario, a function per flow, tags per operation, checks and thresholds.
 */
export function renderK6(plans: Readonly<Record<Profile, ScenarioPlan>>): string {
  const { scenario, flows } = plans.full;
  const totalWeight = flows.reduce((n, f) => n + f.weight, 0);
  const lines: string[] = [
    `// ${GENERATED_HEADER}`,
    `// ${scenario.title}: ${scenario.description}`,
    '//',
    '// k6 run -e HARTSLAG_TARGET=http://127.0.0.1:3000 -e HARTSLAG_PROFILE=smoke <this file>',
    ...stagesComment(plans),
    "import { check } from 'k6';",
    "import exec from 'k6/execution';",
    "import http from 'k6/http';",
    '',
    "const TARGET = __ENV.HARTSLAG_TARGET || 'http://127.0.0.1:3000';",
    "const PROFILE = __ENV.HARTSLAG_PROFILE === 'smoke' ? 'smoke' : 'full';",
    '',
    '// New sessions per minute, per profile (peak users, backlog and time scale as generated).',
    `const ARRIVALS = ${js({ smoke: k6Arrivals(plans.smoke), full: k6Arrivals(plans.full) }, 0)};`,
    `const PEAK_USERS = ${js({ smoke: plans.smoke.scale.peakUsers, full: plans.full.scale.peakUsers }, 0)}[PROFILE];`,
    ...variableConstants(),
    '',
    '/** @type {import("k6/options").Options} */',
    'export const options = {',
    '  scenarios: {',
    `    ${js(scenario.id, 2)}: {`,
    "      executor: 'ramping-arrival-rate',",
    "      exec: 'session',",
    "      timeUnit: '1m',",
    '      ...ARRIVALS[PROFILE],',
    '    },',
    '  },',
    `  thresholds: ${js(k6Thresholds(plans.full), 1)},`,
    '};',
    '',
    "const JSON_HEADERS = { 'Content-Type': 'application/json' };",
    '',
    '/** @param {number} min @param {number} max */',
    'function randomInt(min, max) {',
    '  return min + Math.floor(Math.random() * (max - min + 1));',
    '}',
    '',
    '/** The i-th provider: each logs in once before any logs in twice. @param {number} i */',
    'function provider(i) {',
    `  return \`provider-\${String((i % Math.min(PEAK_USERS, ${3000})) + 1).padStart(4, '0')}\`;`,
    '}',
    '',
    '/** @param {Record<string, string>} v */',
    'function auth(v) {',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: k6 source; k6 fills in the token.
    '  return { ...JSON_HEADERS, Authorization: `Bearer ${v.token}` };',
    '}',
    '',
    '/** One new session: its variables, then a flow by weight. */',
    'export function session() {',
    '  const i = exec.scenario.iterationInTest;',
    '  /** @type {Record<string, string>} */',
    '  const v = {',
    ...Object.entries(VARIABLES).map(([name, variable]) => `    ${name}: ${variableExpression(name, variable)},`),
    '  };',
    `  const pick = i % ${totalWeight};`,
    ...flowDispatch(flows),
    '}',
    ...flows.flatMap(flowFunction),
  ];
  return `${lines.join('\n')}\n`;
}

function stagesComment(plans: Readonly<Record<Profile, ScenarioPlan>>): string[] {
  const stages = plans.full.stages;
  if (stages === undefined) return [];
  const out = ['//', '// Stages (seconds from the start; smoke | full) — the driver acts at each:'];
  stages.forEach((s, i) => {
    const smoke = plans.smoke.stages![i]!;
    const faults = Object.keys(s.faults).length > 0 ? ` faults ${JSON.stringify(s.faults)}` : '';
    out.push(
      `//   ${s.name}: ${smoke.start}s | ${s.start}s${s.action ? `, ${s.action}` : ''}${faults}: ${s.description}`,
    );
  });
  return out;
}

function variableConstants(): string[] {
  return Object.entries(VARIABLES)
    .filter((e): e is [string, Extract<Variable, { kind: 'pick' }>] => e[1].kind === 'pick')
    .map(([name, v]) => `const ${constName(name)} = ${js(v.values, 0)};`);
}

function variableExpression(name: string, v: Variable): string {
  switch (v.kind) {
    case 'provider':
      // A colleague for messages: another provider than the session's own.
      return name === 'user' ? 'provider(i)' : 'provider(i + 7)';
    case 'pick':
      return `${constName(name)}[i % ${constName(name)}.length]`;
    case 'number':
      return `\`${v.prefix}\${randomInt(${v.min}, ${v.max})}\``;
  }
}

function constName(name: string): string {
  return `${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}S`;
}

function flowDispatch(flows: readonly Flow[]): string[] {
  const out: string[] = [];
  let upTo = 0;
  flows.forEach((f, i) => {
    upTo += f.weight;
    const call = `${functionName(f)}(v)`;
    if (i === flows.length - 1) out.push(i === 0 ? `  ${call};` : `  else ${call};`);
    else out.push(`  ${i === 0 ? 'if' : 'else if'} (pick < ${upTo}) ${call};`);
  });
  return out;
}

function functionName(f: Flow): string {
  return f.name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

function flowFunction(f: Flow): string[] {
  const body = f.steps.flatMap((s) => stepLines(s));
  return [
    '',
    `/** ${f.description}. @param {Record<string, string>} v */`,
    `function ${functionName(f)}(v) {`,
    ...body,
    '}',
  ];
}

function stepLines(s: Step): string[] {
  const url = `\`\${TARGET}${template(s.path)}\``;
  const params = [
    `headers: ${s.auth ? 'auth(v)' : 'JSON_HEADERS'}`,
    `tags: { operation: '${s.operation}', name: '${s.name}' }`,
  ];
  // A denial the test asks for is not a failed request: keep it out of http_req_failed.
  if (s.expect.status >= 400) params.push(`responseCallback: http.expectedStatuses(${s.expect.status})`);
  const args =
    s.method === 'GET'
      ? `${url}, { ${params.join(', ')} }`
      : `${url}, JSON.stringify(${body(s)}), { ${params.join(', ')} }`;
  const checks = [`'${s.name} is ${s.expect.status}': (r) => r.status === ${s.expect.status}`];
  if (s.expect.has)
    checks.push(`'${s.name} has ${s.expect.has}': (r) => r.status < 300 && r.json('${s.expect.has}') != null`);
  const call = [
    `const res = http.${s.method === 'GET' ? 'get' : 'post'}(${args});`,
    `check(res, { ${checks.join(', ')} });`,
  ];
  if (s.capture) {
    const field = s.capture.json.slice(2);
    call.push(
      `const ${s.capture.as} = res.status < 300 ? res.json('${field}') : undefined;`,
      // Like Artillery on a failed capture: the session ends here.
      `if (typeof ${s.capture.as} !== 'string') return;`,
      `v.${s.capture.as} = ${s.capture.as};`,
    );
  }
  const indent = (lines: string[], n: number) => lines.map((l) => `${' '.repeat(n)}${l}`);
  if (s.repeat !== undefined && s.repeat > 1) {
    return [`  for (let n = 0; n < ${s.repeat}; n++) {`, ...indent(call, 4), '  }'];
  }
  return s.capture ? indent(call, 2) : ['  {', ...indent(call, 4), '  }'];
}

function body(s: Step): string {
  const entries = Object.entries(s.body ?? {}).map(([k, v]) => {
    const whole = /^\{\{(\w+)\}\}$/.exec(v);
    const value = whole ? `v.${whole[1]}` : v.includes('{{') ? `\`${template(v)}\`` : js(v, 0);
    return `${k}: ${value}`;
  });
  return `{ ${entries.join(', ')} }`;
}

/** `{{name}}` placeholders as `${v.name}` in a template literal. */
function template(text: string): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => `\${v.${name}}`);
}

/** A value as JS source in the style biome formats (single quotes, 2-space indent, trailing commas). */
function js(value: unknown, depth: number): string {
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => js(v, depth + 1));
    const flat = `[${items.join(', ')}]`;
    if (flat.length + depth * 2 < 100 && !flat.includes('\n')) return flat;
    return `[\n${items.map((i) => `${pad}${i},`).join('\n')}\n${end}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : js(k, 0)}: ${js(v, depth + 1)}`,
  );
  const flat = `{ ${entries.join(', ')} }`;
  if (flat.length + depth * 2 < 100 && !flat.includes('\n')) return flat;
  return `{\n${entries.map((e) => `${pad}${e},`).join('\n')}\n${end}}`;
}

function peakOf(p: Phase): number {
  return Math.max(p.arrivalRate, p.rampTo ?? p.arrivalRate);
}
