/**
 * What a token may do. Reads of the public status need no token; every write, the audit log
 * (who declared what) and the monthly SLA reports do. A partner's read scope names the one vendor
 * or tenant group whose calls it may see: `read:vendor:<id>`, `read:tenant-group:<id>`.
 */
export const SCOPES = ['incidents:write', 'maintenance:write', 'audit:read', 'reports:read'] as const;
export type FixedScope = (typeof SCOPES)[number];

export const PARTNER_KINDS = ['vendor', 'tenant-group'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export type PartnerScope = `read:${PartnerKind}:${string}`;
export type Scope = FixedScope | PartnerScope;

/**
 * A partner id: what the `vendor` label holds, or a tenant group's configured id. ASCII only, no
 * slash, no dot first: a path trick or a look-alike letter is never a valid id.
 */
export const PARTNER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const PARTNER_SCOPE = /^read:(vendor|tenant-group):([A-Za-z0-9][A-Za-z0-9._-]{0,63})$/;

/** How to write a scope, for error messages. */
export const SCOPE_FORMS = [...SCOPES, 'read:vendor:<id>', 'read:tenant-group:<id>'] as const;

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && ((SCOPES as readonly string[]).includes(value) || PARTNER_SCOPE.test(value));
}

/** The partner a read scope is bound to, or undefined for any other scope. */
export function partnerOf(scope: string): { kind: PartnerKind; id: string } | undefined {
  const m = PARTNER_SCOPE.exec(scope);
  return m === null ? undefined : { kind: m[1] as PartnerKind, id: m[2]! };
}

export function partnerScope(kind: PartnerKind, id: string): PartnerScope {
  return `read:${kind}:${id}`;
}
