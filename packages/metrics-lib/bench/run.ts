import { Bench } from 'tinybench';

/**
 * Times `fn` with tinybench, where each task iteration does `batch` operations, and returns the
 * median nanoseconds per operation. Batching keeps the timer's own cost (tens of ns) out of
 * measurements of operations that take tens of ns.
 */
export async function nsPerOp(
  tasks: Record<string, () => void>,
  batch: number,
  time = 1500,
): Promise<Record<string, number>> {
  const bench = new Bench({ time, warmupTime: 300 });
  for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
  await bench.run();
  const out: Record<string, number> = {};
  for (const task of bench.tasks) {
    const r = task.result as { latency?: { p50?: number } } | undefined;
    if (r?.latency?.p50 === undefined) throw new Error(`benchmark ${task.name} failed: ${JSON.stringify(task.result)}`);
    out[task.name] = (r.latency.p50 * 1e6) / batch;
  }
  return out;
}

export interface Row {
  name: string;
  baselineName: string;
  baseline: number;
  ours: number;
  unit: string;
  /** How many times faster ours must be. */
  target: number;
  ambition?: number;
}

export const ratio = (row: Row) => row.baseline / row.ours;
