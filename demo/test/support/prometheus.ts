/** One sample of a Prometheus instant query. */
export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** Runs an instant query against the demo's Prometheus (`base` ends in /); its samples. */
export async function promQuery(base: string, query: string): Promise<PromSample[]> {
  const res = await fetch(`${base}api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await res.json()) as { status: string; data?: { result: PromSample[] }; error?: string };
  if (body.status !== 'success') throw new Error(`Prometheus refused ${query}: ${body.error}`);
  return body.data!.result;
}
