import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parseConfig.js';
import { MINIMAL, problemsOf } from './support.js';

describe('selfTest in the configuration file', () => {
  it('reads STUN and TURN servers, the slow threshold and the ICE timeout', () => {
    const text = `${MINIMAL}selfTest:
  iceServers:
    - urls: stun:stun.example.org:3478
    - urls: [turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349]
      username: probe
      credential: short-lived
  slowAfter: 800ms
  iceTimeout: 4s
`;
    expect(parseConfig(text, 'status.yaml').selfTest).toEqual({
      iceServers: [
        { urls: 'stun:stun.example.org:3478' },
        {
          urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'],
          username: 'probe',
          credential: 'short-lived',
        },
      ],
      slowMs: 800,
      iceTimeoutMs: 4000,
    });
    expect(parseConfig(MINIMAL, 'status.yaml').selfTest).toBeUndefined();
  });

  it('names each bad field with its line', () => {
    const text = `${MINIMAL}selfTest:
  iceServers:
    - urls: https://stun.example.org/"><script>
    - urls: stun:ok.example.org
      username: 42
  iceTimeout: 5m
  colour: red
`;
    expect(problemsOf(text)).toEqual([
      'status.yaml:14:13 selfTest.iceServers[0].urls: must be a stun:, stuns:, turn: or turns: URL, got "https://stun.example.org/"><script>"',
      'status.yaml:16:17 selfTest.iceServers[1].username: must be text, got the number 42; put it in quotes to use it as text',
      'status.yaml:17:15 selfTest.iceTimeout: must be at most 1m',
      'status.yaml:18:3 selfTest.colour: unknown key',
    ]);
  });
});
