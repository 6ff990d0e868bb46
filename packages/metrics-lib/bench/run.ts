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

/**
 * CPU time (user + system of every thread, so the garbage collector's helpers count too) per call
 * of `fn`, in nanoseconds, over `n` calls after `warmUp`, with the wall-clock mean beside it. Unlike
 * wall-clock time it does not grow
 * when other processes take the CPU away, which on a shared machine hits a 100 ms task far more
 * often than a 10 ms one.
 */
export async function cpuNsPerOp(fn: () => unknown, n: number, warmUp = 3): Promise<{ cpu: number; wall: number }> {
  for (let i = 0; i < warmUp; i++) await fn();
  const before = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const wall = ((performance.now() - started) * 1e6) / n;
  const used = process.cpuUsage(before);
  return { cpu: ((used.user + used.system) * 1000) / n, wall };
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
