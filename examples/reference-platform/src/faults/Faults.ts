import { isOperation, OPERATIONS, type Operation } from '../operations/names.js';
import { PlatformError } from '../PlatformError.js';
import type { Downstream } from '../queue/Downstream.js';

/** The queue's stages a fault can stall (the store stage is the request's own commit: never held). */
export const STALLABLE_STAGES = ['deliver'] as const;
export type StallableStage = (typeof STALLABLE_STAGES)[number];

/** What holds a stage's messages while a stall is in force (the message queue). */
export interface StageHold {
  hold(stage: StallableStage | undefined): void;
}

/** What PUT /admin/faults takes. `{}` clears every fault. */
export interface FaultSpec {
  /** Share of calls answered 503, 0..1. */
  errorRatio?: number;
  /** Added to every call, in ms (not scaled by latencyScale). */
  latencyMs?: number;
  /** Calls hang until the faults change, the client gives up or the platform stops. */
  stall?: boolean;
  /** The message downstream refuses deliveries: the backlog grows. */
  downstreamDown?: boolean;
  /**
   * A pipeline stage that stops taking messages: they wait in its queue (depth and oldest age
   * grow) and are passed on, late, once the fault is cleared. Nothing fails and no call waits.
   */
  stalledStage?: StallableStage;
  /** The operations errorRatio, latencyMs and stall apply to. Default: all. */
  operations?: Operation[];
}

/** What a call should do after the faults had their say. */
export type FaultVerdict = 'proceed' | 'fail';

const KEYS = ['errorRatio', 'latencyMs', 'stall', 'downstreamDown', 'stalledStage', 'operations'];
const MAX_LATENCY_MS = 600_000;

/** Checks a request body; lists every problem at once. */
export function parseFaultSpec(body: unknown): FaultSpec {
  const problems: string[] = [];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw faultsError(['the body must be a JSON object, e.g. {"errorRatio": 0.5}']);
  }
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b))
    if (!KEYS.includes(k)) problems.push(`unknown field "${k}" (known: ${KEYS.join(', ')})`);
  const spec: FaultSpec = {};
  if (b.errorRatio !== undefined) {
    if (typeof b.errorRatio === 'number' && b.errorRatio >= 0 && b.errorRatio <= 1) spec.errorRatio = b.errorRatio;
    else problems.push(`errorRatio must be a number from 0 to 1, got ${JSON.stringify(b.errorRatio)}`);
  }
  if (b.latencyMs !== undefined) {
    if (typeof b.latencyMs === 'number' && b.latencyMs >= 0 && b.latencyMs <= MAX_LATENCY_MS) {
      spec.latencyMs = b.latencyMs;
    } else {
      problems.push(`latencyMs must be a number from 0 to ${MAX_LATENCY_MS}, got ${JSON.stringify(b.latencyMs)}`);
    }
  }
  for (const k of ['stall', 'downstreamDown'] as const) {
    if (b[k] === undefined) continue;
    if (typeof b[k] === 'boolean') spec[k] = b[k];
    else problems.push(`${k} must be true or false, got ${JSON.stringify(b[k])}`);
  }
  if (b.stalledStage !== undefined) {
    const stage = STALLABLE_STAGES.find((x) => x === b.stalledStage);
    if (stage !== undefined) spec.stalledStage = stage;
    else {
      problems.push(
        `stalledStage must be one of ${STALLABLE_STAGES.join(', ')}, got ${JSON.stringify(b.stalledStage)}`,
      );
    }
  }
  if (b.operations !== undefined) {
    const ops = b.operations;
    if (Array.isArray(ops) && ops.every(isOperation)) spec.operations = [...ops];
    else problems.push(`operations must be a list of ${OPERATIONS.join(', ')}; got ${JSON.stringify(ops)}`);
  }
  if (problems.length > 0) throw faultsError(problems);
  return spec;
}

function faultsError(problems: string[]): PlatformError {
  return new PlatformError(
    'HARTSLAG_ERR_PLATFORM_FAULTS',
    `invalid faults: ${problems.join('; ')}. Send PUT /admin/faults with {"errorRatio"?, "latencyMs"?, "stall"?, "downstreamDown"?, "stalledStage"?, "operations"?}, or {} to clear.`,
  );
}

/** The faults in force, and how a call lives through them. */
export class Faults {
  private spec: FaultSpec = {};
  private stalled = new Set<() => void>();
  private stopping = false;

  constructor(
    private readonly downstream: Downstream,
    private readonly random: () => number,
    private readonly stages?: StageHold,
  ) {}

  get current(): FaultSpec {
    return { ...this.spec, ...(this.spec.operations ? { operations: [...this.spec.operations] } : {}) };
  }

  /** Replaces the faults in force; stalled calls re-check them. */
  set(spec: FaultSpec): void {
    this.spec = spec;
    this.downstream.down = spec.downstreamDown === true;
    // A flag the queue's workers read: the admin request returns at once, the messages wait.
    this.stages?.hold(spec.stalledStage);
    this.release();
  }

  /**
   * Runs the faults for one call: a stall (until released or `gone` fires), the added latency,
   * then the error draw. `gone` registers a callback for the client hanging up.
   */
  async before(operation: Operation, gone: (listener: () => void) => void): Promise<FaultVerdict> {
    let hungUp = false;
    while (this.applies(operation) && this.spec.stall && !this.stopping && !hungUp) {
      await new Promise<void>((resolve) => {
        this.stalled.add(resolve);
        gone(() => {
          hungUp = true;
          this.stalled.delete(resolve);
          resolve();
        });
      });
    }
    if (this.stopping) return 'fail';
    if (!this.applies(operation)) return 'proceed';
    const { latencyMs, errorRatio } = this.spec;
    if (latencyMs) await new Promise((r) => setTimeout(r, latencyMs));
    return errorRatio !== undefined && this.random() < errorRatio ? 'fail' : 'proceed';
  }

  /** Lets stalled calls go (answered 503) so the server can close. */
  stop(): void {
    this.stopping = true;
    this.release();
  }

  private applies(operation: Operation): boolean {
    return this.spec.operations === undefined || this.spec.operations.includes(operation);
  }

  private release(): void {
    const stalled = this.stalled;
    this.stalled = new Set();
    for (const resolve of stalled) resolve();
  }
}
