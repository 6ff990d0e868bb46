import { describe, expect, it } from 'vitest';
import { readProbeConfig } from '../../src/config/readProbeConfig.js';
import { ProbeConfigError } from '../../src/errors.js';

const GOOD = `apiVersion: hartslag.probes/v1
service: probes
probes:
  - name: ehealth
    interval: 30s
    timeout: 5s
    http:
      url: https://ehealth.example/health
      expectStatus: [200, 204]
      expectBody: ok
      headers:
        Authorization: Bearer token
  - name: video-backup
    tcp: { host: video.example, port: 443 }
  - name: records
    interval: 1m
    grpc: { host: 10.0.0.7, port: 50051, service: records.v1.Records }
`;

function problems(text: string): string[] {
  try {
    readProbeConfig(text, 'probes.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ProbeConfigError);
    expect((e as ProbeConfigError).code).toBe('HARTSLAG_ERR_PROBES_CONFIG');
    return (e as ProbeConfigError).problems.map((p) => `${p.at}: ${p.path} ${p.message}`);
  }
  throw new Error('no error');
}

describe('readProbeConfig', () => {
  it('reads HTTP, TCP and gRPC probes with their defaults', () => {
    const c = readProbeConfig(GOOD, 'probes.yaml');
    expect(c.service).toBe('probes');
    expect(c.probes).toEqual([
      {
        name: 'ehealth',
        intervalMs: 30_000,
        timeoutMs: 5_000,
        target: {
          kind: 'http',
          url: 'https://ehealth.example/health',
          method: 'GET',
          expectStatus: [200, 204],
          expectBody: 'ok',
          headers: { authorization: 'Bearer token' },
        },
      },
      {
        name: 'video-backup',
        intervalMs: 30_000,
        timeoutMs: 5_000,
        target: { kind: 'tcp', host: 'video.example', port: 443 },
      },
      {
        name: 'records',
        intervalMs: 60_000,
        timeoutMs: 5_000,
        target: { kind: 'grpc', host: '10.0.0.7', port: 50051, service: 'records.v1.Records', tls: false },
      },
    ]);
  });

  it('lists every problem with file:line:column and the field, in file order', () => {
    const text = `apiVersion: hartslag.probes/v2
service: probes
probes:
  - name: Ehealth
    interval: 30 seconds
    http:
      url: ftp://ehealth.example
      expectStatus: 700
  - name: video
    timeout: 1m
    tcp: { host: video.example, port: 70000 }
  - name: video
    tcp: { host: video.example, port: 443 }
    grpc: { host: video.example, port: 443 }
  - name: records
    grcp: { host: a, port: 1 }
`;
    expect(problems(text)).toEqual([
      'probes.yaml:1:13: apiVersion must be "hartslag.probes/v1", got "hartslag.probes/v2"',
      'probes.yaml:4:11: probes[0].name must be lower-case letters, digits and "-" (at most 63)',
      'probes.yaml:5:15: probes[0].interval must be a duration such as "30s" or "1m", got "30 seconds"',
      'probes.yaml:7:12: probes[0].http.url must be an http:// or https:// URL, got "ftp://ehealth.example"',
      'probes.yaml:8:21: probes[0].http.expectStatus must be a whole number from 100 to 599, got 700',
      'probes.yaml:10:14: probes[1].timeout must be at most the interval (30000 ms)',
      'probes.yaml:11:39: probes[1].tcp.port must be a whole number from 1 to 65535, got 70000',
      'probes.yaml:12:11: probes[2].name "video" is already the name of probes[1]',
      'probes.yaml:12:5: probes[2] must have exactly one of http, tcp, grpc (has tcp, grpc)',
      'probes.yaml:15:5: probes[3] must have exactly one of http, tcp, grpc',
      'probes.yaml:16:5: probes[3].grcp is not a field here; did you mean "grpc"? (known: name, interval, timeout, http, tcp, grpc)',
    ]);
  });

  it('reports YAML syntax errors with their line, and refuses what is not text', () => {
    expect(problems('service: [probes\n')[0]).toMatch(/^probes\.yaml:\d+:\d+: /);
    expect(problems(42 as unknown as string)).toEqual(['probes.yaml:1:1:  must be YAML text, got number']);
  });

  it('refuses a URL with a password, which would leak into logs', () => {
    const text = GOOD.replace('https://ehealth.example/health', 'https://user:secret@ehealth.example/health');
    expect(problems(text)).toEqual([
      'probes.yaml:8:12: probes[0].http.url must not hold a user or password; put credentials in headers',
    ]);
  });
});
