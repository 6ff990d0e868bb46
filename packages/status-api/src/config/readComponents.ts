import { didYouMean } from '@hartslag/common';
import type { Language } from '../i18n/messages.js';
import type { Component } from './Component.js';
import type { Provider } from './Provider.js';
import { readText } from './readText.js';
import { join, type YamlReader, type YamlValue } from './YamlReader.js';

/** Component and provider ids: URL-safe, as in /badge/<id>.svg. */
export const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** SLO names are DNS labels: @hartslag/slo makes rule groups of them (its readSlo.ts). */
export const SLO_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A provider id a component names, checked once all providers are read. */
export interface ProviderReference {
  id: string;
  path: string;
  node: YamlValue;
}

export function readComponents(
  r: YamlReader,
  value: YamlValue,
  language: Language,
  references: ProviderReference[],
): Component[] | undefined {
  const items = r.list(value, 'components');
  if (items === undefined) return undefined;
  if (items.length === 0) r.report('components', value, 'must list at least one component');
  const ids = new Map<string, number>();
  const components: Component[] = [];
  for (const [i, item] of items.entries()) {
    const path = join('components', i);
    const f = r.mapping(
      item,
      path,
      ['id', 'name', 'description', 'slos', 'group', 'badgeLabel', 'providers'],
      ['id', 'name', 'slos'],
    );
    if (f === undefined) continue;
    const id = f.has('id') ? readId(r, f.get('id'), join(path, 'id'), ids, i, 'components') : undefined;
    const name = f.has('name') ? readText(r, f.get('name'), join(path, 'name'), language) : undefined;
    const description = r.has(f, 'description')
      ? readText(r, f.get('description'), join(path, 'description'), language)
      : undefined;
    const slos = f.has('slos') ? readSlos(r, f.get('slos'), join(path, 'slos')) : undefined;
    const group = r.has(f, 'group') ? readGroup(r, f.get('group'), join(path, 'group')) : undefined;
    if (r.has(f, 'group') && group === undefined) continue;
    const badgeLabel = r.has(f, 'badgeLabel') ? r.string(f.get('badgeLabel'), join(path, 'badgeLabel')) : undefined;
    const providers = r.has(f, 'providers') ? readProviderIds(r, f.get('providers'), join(path, 'providers')) : [];
    if (providers !== undefined) references.push(...providers);
    if (id === undefined || name === undefined || slos === undefined) continue;
    components.push({
      id,
      name: name.text,
      ...(description === undefined ? {} : { description: description.text }),
      slos,
      ...(group === undefined ? {} : { group }),
      ...(badgeLabel === undefined ? {} : { badgeLabel }),
      ...(name.translations === undefined ? {} : { names: name.translations }),
      ...(description?.translations === undefined ? {} : { descriptions: description.translations }),
      ...(providers === undefined || providers.length === 0 ? {} : { providers: providers.map((p) => p.id) }),
    });
  }
  return components;
}

export function readProviders(r: YamlReader, value: YamlValue, language: Language): Provider[] | undefined {
  const items = r.list(value, 'providers');
  if (items === undefined) return undefined;
  const ids = new Map<string, number>();
  const providers: Provider[] = [];
  for (const [i, item] of items.entries()) {
    const path = join('providers', i);
    const f = r.mapping(item, path, ['id', 'name', 'slos', 'backup'], ['id', 'name', 'slos']);
    if (f === undefined) continue;
    const id = f.has('id') ? readId(r, f.get('id'), join(path, 'id'), ids, i, 'providers') : undefined;
    const name = f.has('name') ? readText(r, f.get('name'), join(path, 'name'), language) : undefined;
    const slos = f.has('slos') ? readSlos(r, f.get('slos'), join(path, 'slos')) : undefined;
    let backup: Provider['backup'];
    if (r.has(f, 'backup')) {
      const bpath = join(path, 'backup');
      const b = r.mapping(f.get('backup'), bpath, ['name', 'slos'], ['name', 'slos']);
      const bname = b?.has('name') ? readText(r, b.get('name'), join(bpath, 'name'), language) : undefined;
      const bslos = b?.has('slos') ? readSlos(r, b.get('slos'), join(bpath, 'slos')) : undefined;
      if (bname === undefined || bslos === undefined) continue;
      backup = {
        name: bname.text,
        ...(bname.translations === undefined ? {} : { names: bname.translations }),
        slos: bslos,
      };
    }
    if (id === undefined || name === undefined || slos === undefined) continue;
    providers.push({
      id,
      name: name.text,
      ...(name.translations === undefined ? {} : { names: name.translations }),
      slos,
      ...(backup === undefined ? {} : { backup }),
    });
  }
  return providers;
}

/** Every provider a component names must be among `providers`. */
export function checkProviderReferences(r: YamlReader, references: ProviderReference[], known: Set<string>): void {
  for (const ref of references) {
    if (known.has(ref.id)) continue;
    const listed = known.size === 0 ? 'there are none under providers' : `known: ${[...known].join(', ')}`;
    r.report(
      ref.path,
      ref.node,
      `names provider "${ref.id}", which is not defined (${listed})${didYouMean(ref.id, known)}`,
    );
  }
}

function readId(
  r: YamlReader,
  value: YamlValue,
  path: string,
  seen: Map<string, number>,
  index: number,
  list: string,
): string | undefined {
  const id = r.string(value, path);
  if (id === undefined) return undefined;
  if (!ID.test(id)) {
    r.report(path, value, `must be 1–63 of a-z, 0-9 and -, starting with a letter or digit (URL-safe), got "${id}"`);
    return undefined;
  }
  const first = seen.get(id);
  if (first !== undefined) {
    r.report(path, value, `"${id}" is already the id of ${list}[${first}]; ids must be unique`);
    return undefined;
  }
  seen.set(id, index);
  return id;
}

function readSlos(r: YamlReader, value: YamlValue, path: string): string[] | undefined {
  const items = r.list(value, path);
  if (items === undefined) return undefined;
  if (items.length === 0) {
    r.report(path, value, 'must list at least one SLO name');
    return undefined;
  }
  const slos: string[] = [];
  let ok = true;
  for (const [i, item] of items.entries()) {
    const name = r.string(item, join(path, i));
    if (name !== undefined && !SLO_NAME.test(name)) {
      r.report(join(path, i), item, `must be an SLO name as in slos.yaml (a-z, 0-9, -), got "${name}"`);
    } else if (name !== undefined && slos.includes(name)) {
      r.report(join(path, i), item, `lists "${name}" twice`);
    } else if (name !== undefined) {
      slos.push(name);
      continue;
    }
    ok = false;
  }
  return ok ? slos : undefined;
}

function readProviderIds(r: YamlReader, value: YamlValue, path: string): ProviderReference[] | undefined {
  const items = r.list(value, path);
  if (items === undefined) return undefined;
  const refs: ProviderReference[] = [];
  for (const [i, item] of items.entries()) {
    const id = r.string(item, join(path, i));
    if (id === undefined) continue;
    if (refs.some((ref) => ref.id === id)) r.report(join(path, i), item, `lists "${id}" twice`);
    else refs.push({ id, path: join(path, i), node: item });
  }
  return refs;
}

/** A group value as the metrics library labels it: any text of 1–128 characters but braces, which key the reading. */
function readGroup(r: YamlReader, value: YamlValue, path: string): string | undefined {
  const group = r.string(value, path);
  if (group === undefined) return undefined;
  if (group.length === 0 || group.length > 128 || /[{}]/.test(group)) {
    r.report(
      path,
      value,
      `must be a group of the SLOs (a vendor, tenant or __other__), 1–128 characters without { }, got "${group}"`,
    );
    return undefined;
  }
  return group;
}
