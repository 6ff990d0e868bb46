/** A point of a daily curve: the clock time ("07:52:30") and the level there (share of the peak rate). */
export type Knot = readonly [clock: string, level: number];

/** Seconds since midnight of "HH:MM" or "HH:MM:SS". */
export function clock(text: string): number {
  const [h = 0, m = 0, s = 0] = text.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}

/**
 * A smooth curve through the knots: cosine easing between neighbours, so arrivals have no kinks a
 * real morning would not have, and each knot is a local extreme or plateau edge. Flat outside.
 */
export function knotCurve(knots: readonly Knot[]): (clockSeconds: number) => number {
  const points = knots.map(([at, level]) => ({ at: clock(at), level }));
  return (t) => {
    if (t <= points[0]!.at) return points[0]!.level;
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      if (t <= b.at) {
        const x = (t - a.at) / (b.at - a.at);
        return a.level + (b.level - a.level) * ((1 - Math.cos(Math.PI * x)) / 2);
      }
    }
    return points[points.length - 1]!.level;
  };
}
