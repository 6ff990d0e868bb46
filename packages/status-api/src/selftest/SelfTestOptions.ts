/** One STUN or TURN server as RTCPeerConnection takes it (RTCIceServer). */
export interface IceServer {
  /** `stun:host:port`, `turn:host:port?transport=udp`, `turns:…`; one URL or several. */
  urls: string | string[];
  /** TURN only. They are sent to every visitor: use short-lived TURN credentials. */
  username?: string;
  credential?: string;
}

export interface SelfTestOptions {
  /** The STUN/TURN servers video calls use; each is tried on its own. */
  iceServers: IceServer[];
  /** Above this median API latency (ms) the page says the platform is slow. Default 1000. */
  slowMs?: number;
  /** How long ICE gathering may take per server, ms. Default 5000. */
  iceTimeoutMs?: number;
}

const ICE_URL = /^(stun|stuns|turn|turns):[^\s<>"'`]+$/;

/** Problems with the self-test options, each naming its field; empty when they are fine. */
export function checkSelfTestOptions(value: unknown): string[] {
  const problems: string[] = [];
  if (value === null || typeof value !== 'object') return ['selfTest must be an object with iceServers'];
  const o = value as Record<string, unknown>;
  if (!Array.isArray(o.iceServers)) problems.push('selfTest.iceServers must be a list (may be empty)');
  else {
    o.iceServers.forEach((s: unknown, i) => {
      const path = `selfTest.iceServers[${i}]`;
      if (s === null || typeof s !== 'object') {
        problems.push(`${path} must be an object with urls`);
        return;
      }
      const server = s as Record<string, unknown>;
      const urls = typeof server.urls === 'string' ? [server.urls] : server.urls;
      if (!Array.isArray(urls) || urls.length === 0 || !urls.every((u) => typeof u === 'string' && ICE_URL.test(u))) {
        problems.push(`${path}.urls must be stun:, stuns:, turn: or turns: URLs`);
      }
      for (const f of ['username', 'credential'] as const) {
        if (server[f] !== undefined && typeof server[f] !== 'string') problems.push(`${path}.${f} must be a string`);
      }
    });
  }
  for (const f of ['slowMs', 'iceTimeoutMs'] as const) {
    const v = o[f];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 60_000)) {
      problems.push(`selfTest.${f} must be a whole number of ms from 1 to 60000`);
    }
  }
  return problems;
}
