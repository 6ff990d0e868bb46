import { createInterface } from 'node:readline';
import { parseDuration } from '@hartslag/slo';
import { CliError } from '../errors.js';

export const FRAMEWORKS = ['fastify', 'http', 'grpc'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** What `hartslag init` needs to know about the team's service. */
export interface InitAnswers {
  /** The `service` label: lower-case, digits and dashes. */
  service: string;
  /** The operations to give an SLO each, e.g. fetch-medication-history. */
  operations: string[];
  /** The request header that names the tenant (pharmacy, hospital, practice), if any. */
  tenantLabel?: string;
  /** The request header that names the tenant's software vendor, if any. */
  vendorLabel?: string;
  /** Share of calls that must succeed over 30 days, e.g. 0.999. */
  objective: number;
  /** The longest tolerated outage, e.g. "10m" (the coffee-break rule). */
  maxOutage: string;
  framework: Framework;
}

export const DEFAULTS = { objective: 0.999, maxOutage: '10m', framework: 'fastify' } as const;

/** An SLO name, service and operation become Kubernetes-style names in the spec (RFC 1123 label). */
const SLUG = /^[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?$/;
/** RFC 9110 token, what Node accepts as a header name (as @hartslag/metrics' adapters check). */
const HEADER = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export type RawAnswers = Partial<
  Record<'service' | 'operations' | 'tenant-label' | 'vendor-label' | 'objective' | 'max-outage' | 'framework', string>
>;

/**
 * Checks every answer at once; one error lists every problem, each naming its flag. Missing
 * required answers are listed too, so a script learns all it must pass in one run.
 */
export function checkAnswers(raw: RawAnswers): InitAnswers {
  const problems: string[] = [];
  const service = raw.service?.trim() ?? '';
  if (service === '') problems.push('--service is required: the service label, e.g. --service medication-history');
  else if (!SLUG.test(service))
    problems.push(
      `--service "${service}" must be lower-case letters, digits and dashes (at most 42), e.g. medication-history`,
    );
  const operations = (raw.operations ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  if (operations.length === 0)
    problems.push(
      '--operations is required: the operations to watch, comma-separated, e.g. --operations fetch-medication-history,register-dispensation',
    );
  for (const o of operations)
    if (!SLUG.test(o))
      problems.push(`--operations: "${o}" must be lower-case letters, digits and dashes, e.g. fetch-prescription`);
  if (new Set(operations).size !== operations.length) problems.push('--operations names an operation twice');
  for (const flag of ['tenant-label', 'vendor-label'] as const) {
    const v = raw[flag];
    if (v !== undefined && v !== '' && !HEADER.test(v))
      problems.push(`--${flag} "${v}" must be a request header name, e.g. x-pharmacy-id`);
  }
  const objective = raw.objective === undefined ? DEFAULTS.objective : Number(raw.objective);
  if (!(objective > 0 && objective < 1))
    problems.push(`--objective "${raw.objective}" must be a share between 0 and 1 (exclusive), e.g. 0.999`);
  const maxOutage = raw['max-outage'] ?? DEFAULTS.maxOutage;
  const seconds = parseDuration(maxOutage);
  if (seconds === undefined || seconds < 60 || seconds > 86_400)
    problems.push(`--max-outage "${maxOutage}" must be a duration from 1m to 1d, e.g. 10m`);
  const framework = (raw.framework ?? DEFAULTS.framework) as Framework;
  if (!FRAMEWORKS.includes(framework))
    problems.push(`--framework "${raw.framework}" must be one of ${FRAMEWORKS.join(', ')}`);
  if (problems.length > 0)
    throw new CliError('HARTSLAG_ERR_INIT_INPUT', `hartslag init cannot go on:\n  ${problems.join('\n  ')}`);
  return {
    service,
    operations,
    ...(raw['tenant-label'] ? { tenantLabel: raw['tenant-label'].toLowerCase() } : {}),
    ...(raw['vendor-label'] ? { vendorLabel: raw['vendor-label'].toLowerCase() } : {}),
    objective,
    maxOutage,
    framework,
  };
}

const QUESTIONS: readonly [keyof RawAnswers, string, string | undefined][] = [
  ['service', 'Service name (the service label)', undefined],
  ['operations', 'Operations to watch, comma-separated', undefined],
  ['tenant-label', 'Request header naming the tenant (empty: none)', ''],
  ['vendor-label', "Request header naming the tenant's software vendor (empty: none)", ''],
  ['objective', 'Share of calls that must succeed over 30 days', String(DEFAULTS.objective)],
  ['max-outage', 'Longest tolerated outage', DEFAULTS.maxOutage],
  ['framework', `Framework (${FRAMEWORKS.join(', ')})`, DEFAULTS.framework],
];

/** Asks on a terminal for every answer no flag gave; the flags' answers are kept as given. */
export async function ask(
  raw: RawAnswers,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<RawAnswers> {
  // Lines read through the iterator, not rl.question(): answers typed (or piped) ahead are kept.
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const out: RawAnswers = { ...raw };
  try {
    for (const [key, question, fallback] of QUESTIONS) {
      if (out[key] !== undefined) continue;
      output.write(`${question}${fallback ? ` [${fallback}]` : ''}: `);
      const next = await lines.next();
      const answer = next.done ? '' : String(next.value).trim();
      if (answer !== '') out[key] = answer;
      else if (fallback !== undefined && fallback !== '') out[key] = fallback;
    }
  } finally {
    rl.close();
  }
  return out;
}
