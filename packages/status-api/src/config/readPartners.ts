import { PARTNER_ID, partnerOf } from '../auth/scopes.js';
import { DEFAULT_OVERUSE_PER_HOUR, findPartner, type PartnersOptions } from '../partners/Partner.js';
import type { SourceConfig, TokenConfig } from './StatusConfig.js';
import { type Fields, join, type YamlReader, type YamlValue } from './YamlReader.js';

/** Tenant ids go into a PromQL regular expression (escaped) and onto the page: label values of the contract. */
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;
const ID_RULE = '1–64 ASCII letters, digits and ._- (as in the vendor label), not starting with . or -';

/** `partners:` — who may get a partner view, and the overuse threshold. */
export function readPartners(r: YamlReader, value: YamlValue): PartnersOptions | undefined {
  const f = r.mapping(value, 'partners', ['vendors', 'tenantGroups', 'overusePerHour']);
  if (f === undefined) return undefined;
  let ok = true;
  const ids = new Set<string>();
  const vendors: PartnersOptions['vendors'][number][] = [];
  for (const [i, item] of (r.has(f, 'vendors') ? (r.list(f.get('vendors'), 'partners.vendors') ?? []) : []).entries()) {
    const path = join('partners.vendors', i);
    const v = r.mapping(item, path, ['id', 'name'], ['id']);
    const id = v?.has('id') ? readId(r, v.get('id'), join(path, 'id'), ids, 'vendor') : undefined;
    const name = v?.has('name') ? r.string(v.get('name'), join(path, 'name')) : id;
    if (id === undefined || name === undefined) ok = false;
    else vendors.push({ id, name });
  }
  const groupIds = new Set<string>();
  const tenantGroups: PartnersOptions['tenantGroups'][number][] = [];
  const groups = r.has(f, 'tenantGroups') ? (r.list(f.get('tenantGroups'), 'partners.tenantGroups') ?? []) : [];
  for (const [i, item] of groups.entries()) {
    const path = join('partners.tenantGroups', i);
    const g = r.mapping(item, path, ['id', 'name', 'tenants'], ['id', 'tenants']);
    const id = g?.has('id') ? readId(r, g.get('id'), join(path, 'id'), groupIds, 'tenant group') : undefined;
    const name = g?.has('name') ? r.string(g.get('name'), join(path, 'name')) : id;
    const tenants = g?.has('tenants') ? readTenants(r, g.get('tenants'), join(path, 'tenants')) : undefined;
    if (id === undefined || name === undefined || tenants === undefined) ok = false;
    else tenantGroups.push({ id, name, tenants });
  }
  const overusePerHour = r.has(f, 'overusePerHour')
    ? r.integer(f.get('overusePerHour'), 'partners.overusePerHour', 1, 1_000_000_000)
    : DEFAULT_OVERUSE_PER_HOUR;
  if (!ok || overusePerHour === undefined) return undefined;
  return { vendors, tenantGroups, overusePerHour };
}

function readId(r: YamlReader, value: YamlValue, path: string, seen: Set<string>, what: string): string | undefined {
  const id = r.string(value, path);
  if (id === undefined) return undefined;
  if (!PARTNER_ID.test(id)) {
    r.report(path, value, `must be ${ID_RULE}`);
    return undefined;
  }
  if (seen.has(id)) {
    r.report(path, value, `"${id}" is listed twice; one entry per ${what}`);
    return undefined;
  }
  seen.add(id);
  return id;
}

function readTenants(r: YamlReader, value: YamlValue, path: string): string[] | undefined {
  const items = r.list(value, path);
  if (items === undefined) return undefined;
  if (items.length === 0) {
    r.report(path, value, 'must list at least one tenant');
    return undefined;
  }
  const tenants: string[] = [];
  for (const [i, item] of items.entries()) {
    const t = r.string(item, join(path, i));
    if (t === undefined) return undefined;
    if (!TENANT_ID.test(t)) {
      r.report(join(path, i), item, 'must be a tenant label value: ASCII letters, digits and ._:@-');
      return undefined;
    }
    if (!tenants.includes(t)) tenants.push(t);
  }
  return tenants;
}

/**
 * Every partner scope must name a listed vendor or group (a typo would otherwise grant nothing,
 * silently), and partner views read Prometheus: the source must be one.
 */
export function checkPartnerScopes(
  r: YamlReader,
  top: Fields,
  tokens: readonly TokenConfig[],
  partners: PartnersOptions | undefined,
  source: SourceConfig | undefined,
): void {
  const known = partners ?? { vendors: [], tenantGroups: [] };
  const at = top.get('tokens');
  let anyPartner = false;
  for (const [i, t] of tokens.entries()) {
    for (const scope of t.scopes) {
      const p = partnerOf(scope);
      if (p === undefined) continue;
      anyPartner = true;
      if (findPartner(known, p.kind, p.id) === undefined) {
        const list = p.kind === 'vendor' ? 'partners.vendors' : 'partners.tenantGroups';
        r.report(join('tokens', i), at, `scope "${scope}" names no entry of ${list}; add { id: ${p.id} } there`);
      }
    }
  }
  if ((anyPartner || partners !== undefined) && source !== undefined && source.kind !== 'prometheus') {
    r.report(
      'partners',
      top.get('partners') ?? at,
      `partner views read a partner's calls from Prometheus; source.kind is "${source.kind}": use "prometheus"`,
    );
  }
}
