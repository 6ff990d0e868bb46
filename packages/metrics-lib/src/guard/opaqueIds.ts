/**
 * UUIDs and long hex tokens (trace ids, span ids, hashes) are random, so digit runs inside them
 * would now and then pass the elfproef or look like a phone number. They are replaced by 'x'
 * before digit scanning; 'x' keeps string positions and ends any digit run.
 *
 * Both patterns are linear: fixed-width UUID groups, and a hex run that may only start and end at a
 * token boundary (so at most one backtracking walk per token).
 */
const OPAQUE_ID =
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<![0-9a-z])[0-9a-f]{16,}(?![0-9a-z])/gi;

/** The shortest value either pattern can match; shorter values are returned as they are. */
const SHORTEST_OPAQUE_ID = 16;

export function maskOpaqueIds(value: string): string {
  if (value.length < SHORTEST_OPAQUE_ID) return value;
  return value.replace(OPAQUE_ID, (id) => 'x'.repeat(id.length));
}
