/**
 * Reads Prometheus text exposition into `name{k="v",...}` (labels sorted) → value, so two
 * expositions can be compared sample by sample whatever their label or line order.
 */
export function parseSamples(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (m === null) throw new Error(`not a sample line: ${line}`);
    const labels: string[] = [];
    const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
    for (let l = re.exec(m[2] ?? ''); l !== null; l = re.exec(m[2] ?? '')) labels.push(`${l[1]}="${l[2]}"`);
    labels.sort();
    const key = `${m[1]}{${labels.join(',')}}`;
    if (samples.has(key)) throw new Error(`duplicate sample ${key}`);
    samples.set(key, Number(m[3] === '+Inf' ? Infinity : m[3]));
  }
  return samples;
}

/** Only the samples whose metric name starts with `prefix`. */
export function samplesOf(text: string, prefix: string): Map<string, number> {
  return new Map([...parseSamples(text)].filter(([k]) => k.startsWith(prefix)));
}
