/**
 * What a token may do. Reads of the public status need no token; every write, and the audit log
 * (who declared what), does.
 */
export const SCOPES = ['incidents:write', 'maintenance:write', 'audit:read'] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}
