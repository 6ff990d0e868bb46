import type { IceServer, SelfTestOptions } from '../selftest/SelfTestOptions.js';
import { join, type YamlReader, type YamlValue } from './YamlReader.js';

const ICE_URL = /^(stun|stuns|turn|turns):[^\s<>"'`]+$/;

/**
 * `selfTest:` — the STUN/TURN servers the browser self-test tries (`iceServers`), the API latency
 * it calls slow (`slowAfter`) and how long ICE gathering may take per server (`iceTimeout`).
 */
export function readSelfTest(r: YamlReader, value: YamlValue): SelfTestOptions | undefined {
  const f = r.mapping(value, 'selfTest', ['iceServers', 'slowAfter', 'iceTimeout'], ['iceServers']);
  if (f === undefined) return undefined;
  let ok = true;
  const iceServers: IceServer[] = [];
  const items = f.has('iceServers') ? r.list(f.get('iceServers'), 'selfTest.iceServers') : undefined;
  if (items === undefined) ok = false;
  for (const [i, item] of (items ?? []).entries()) {
    const path = join('selfTest.iceServers', i);
    const s = r.mapping(item, path, ['urls', 'username', 'credential'], ['urls']);
    if (s === undefined) {
      ok = false;
      continue;
    }
    const urls = readUrls(r, s.get('urls'), join(path, 'urls'));
    const username = r.has(s, 'username') ? r.string(s.get('username'), join(path, 'username')) : undefined;
    const credential = r.has(s, 'credential') ? r.string(s.get('credential'), join(path, 'credential')) : undefined;
    if (
      urls === undefined ||
      (r.has(s, 'username') && username === undefined) ||
      (r.has(s, 'credential') && credential === undefined)
    ) {
      ok = false;
      continue;
    }
    iceServers.push({
      urls: urls.length === 1 ? urls[0]! : urls,
      ...(username === undefined ? {} : { username }),
      ...(credential === undefined ? {} : { credential }),
    });
  }
  const slowMs = r.has(f, 'slowAfter') ? r.duration(f.get('slowAfter'), 'selfTest.slowAfter') : undefined;
  const iceTimeoutMs = r.has(f, 'iceTimeout') ? r.duration(f.get('iceTimeout'), 'selfTest.iceTimeout') : undefined;
  for (const [key, ms] of [
    ['slowAfter', slowMs],
    ['iceTimeout', iceTimeoutMs],
  ] as const) {
    if (r.has(f, key) && ms === undefined) ok = false;
    else if (ms !== undefined && ms > 60_000) {
      r.report(`selfTest.${key}`, f.get(key), 'must be at most 1m');
      ok = false;
    }
  }
  if (!ok) return undefined;
  return {
    iceServers,
    ...(slowMs === undefined ? {} : { slowMs }),
    ...(iceTimeoutMs === undefined ? {} : { iceTimeoutMs }),
  };
}

function readUrls(r: YamlReader, value: YamlValue, path: string): string[] | undefined {
  const node = r.resolve(value);
  const items = node !== null && 'items' in node ? r.list(value, path) : [value];
  if (items === undefined) return undefined;
  const urls: string[] = [];
  for (const [i, item] of items.entries()) {
    const p = items.length === 1 && item === value ? path : join(path, i);
    const url = r.string(item, p);
    if (url === undefined) return undefined;
    if (!ICE_URL.test(url)) {
      r.report(p, item, `must be a stun:, stuns:, turn: or turns: URL, got "${url}"`);
      return undefined;
    }
    urls.push(url);
  }
  if (urls.length === 0) {
    r.report(path, value, 'must list at least one URL');
    return undefined;
  }
  return urls;
}
