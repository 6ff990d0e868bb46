import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/tokens.js';
import { CONFIG_ERROR_CODES, ConfigError } from '../../src/config/ConfigError.js';
import { parseConfig } from '../../src/config/parseConfig.js';
import { MINIMAL, problemsOf, withSection } from './support.js';

const DIGEST = hashToken('a-token-for-tests');

describe('parseConfig', () => {
  it('reads the smallest configuration and fills in every default', () => {
    expect(parseConfig(MINIMAL, '/etc/hartslag/status.yaml')).toEqual({
      file: '/etc/hartslag/status.yaml',
      page: { name: 'Apotheek Datahub', timeZone: 'Europe/Amsterdam', language: 'nl' },
      source: {
        kind: 'prometheus',
        url: 'http://127.0.0.1:9090',
        refreshMs: 15_000,
        staleAfterMs: 22_500,
        timeoutMs: 5000,
        headers: {},
      },
      components: [{ id: 'medication-history', name: 'Medicatiehistorie', slos: ['fetch-medication-history'] }],
      providers: [],
      tokens: [],
      storage: { kind: 'sqlite', path: '/etc/hartslag/data/status.sqlite' },
      server: { host: '127.0.0.1', port: 8080 },
      rateLimit: { readsPerMinute: 600, writesPerMinute: 30 },
    });
  });

  it('names file:line:column and the field path of a component without SLOs', () => {
    const text = `${MINIMAL}  - id: dispensations\n    name: Verstrekkingen\n    slos: []\n`;
    expect(problemsOf(text)).toEqual(['status.yaml:14:11 components[1].slos: must list at least one SLO name']);
  });

  it('lists every problem at once, in file order, in one ConfigError', () => {
    const text = `apiVersion: hartslag.status/v1
page: { name: Apotheek Datahub, timeZone: Europe/Amsterdm, lnguage: nl }
source:
  kind: prometheus
  url: http://127.0.0.1:9090
  refresh: 15
components:
  - id: Medication
    name: Medicatiehistorie
    slos: [fetch-medication-history]
    providers: [ehealht]
`;
    let error: unknown;
    try {
      parseConfig(text, 'status.yaml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e.code).toBe('HARTSLAG_ERR_STATUS_CONFIG');
    expect(e.file).toBe('status.yaml');
    expect(e.problems[0]).toEqual({
      path: 'page.timeZone',
      line: 2,
      column: 43,
      message:
        'must be an IANA time zone such as "Europe/Amsterdam" or "Europe/Brussels"; did you mean "Europe/Amsterdam"?',
    });
    expect(e.message.split('\n')).toEqual([
      'invalid status configuration status.yaml (5 problems):',
      '  status.yaml:2:43 page.timeZone: must be an IANA time zone such as "Europe/Amsterdam" or "Europe/Brussels"; did you mean "Europe/Amsterdam"?',
      '  status.yaml:2:60 page.lnguage: unknown key; did you mean "language"?',
      '  status.yaml:6:12 source.refresh: must be a duration with a unit, like 15s or 15ms, got the number 15',
      '  status.yaml:8:9 components[0].id: must be 1–63 of a-z, 0-9 and -, starting with a letter or digit (URL-safe), got "Medication"',
      '  status.yaml:11:17 components[0].providers[0]: names provider "ehealht", which is not defined (there are none under providers)',
    ]);
  });

  it('has one code for an invalid file and one for an unreadable one', () => {
    expect(CONFIG_ERROR_CODES).toEqual(['HARTSLAG_ERR_STATUS_CONFIG', 'HARTSLAG_ERR_STATUS_CONFIG_UNREADABLE']);
  });

  describe('YAML itself', () => {
    it('reports syntax errors with their line, and nothing that follows from them', () => {
      expect(problemsOf('apiVersion: hartslag.status/v1\npage:\n\tname: x\nsource: [a, b\n')).toEqual([
        'status.yaml:3:1 Tabs are not allowed as indentation; indent with spaces',
        'status.yaml:5:1 Flow sequence in block collection must be sufficiently indented and end with a ]',
      ]);
    });

    it('reports a key given twice in one mapping', () => {
      const text = MINIMAL.replace('  timeZone: Europe/Amsterdam\n', '  timeZone: Europe/Amsterdam\n  name: Datahub\n');
      expect(problemsOf(text)).toEqual(['status.yaml:5:3 this key appears twice in the same mapping; keep one']);
    });

    it('reports an empty file and a file that is not a mapping', () => {
      expect(problemsOf('')).toEqual(['status.yaml:1:1 is empty; it starts with apiVersion: hartslag.status/v1']);
      expect(problemsOf('- apiVersion: hartslag.status/v1\n')).toEqual([
        'status.yaml:1:1 must be a mapping (key: value), got a list',
      ]);
    });

    it('follows anchors and aliases', () => {
      const text = `${MINIMAL.replace('slos: [fetch-medication-history]', 'slos: &history [fetch-medication-history]')}  - id: history-copy\n    name: Kopie\n    slos: *history\n`;
      expect(parseConfig(text, 'status.yaml').components[1]!.slos).toEqual(['fetch-medication-history']);
    });
  });

  describe('top level', () => {
    it('requires apiVersion, page, source and components, and knows no other version', () => {
      expect(problemsOf('storage: { sqlite: x.sqlite }\n')).toEqual([
        'status.yaml:1:1 apiVersion: is required',
        'status.yaml:1:1 page: is required',
        'status.yaml:1:1 source: is required',
        'status.yaml:1:1 components: is required',
      ]);
      expect(problemsOf(MINIMAL.replace('status/v1', 'status/v2'))).toEqual([
        'status.yaml:1:13 apiVersion: must be hartslag.status/v1 (this version of Hartslag reads no other)',
      ]);
    });

    it('rejects an unknown key, with a "did you mean" for a typo', () => {
      expect(problemsOf(`${MINIMAL}ratelimit: { readsPerMinute: 60 }\nextras: 1\n`)).toEqual([
        'status.yaml:12:1 ratelimit: unknown key; did you mean "rateLimit"?',
        'status.yaml:13:1 extras: unknown key',
      ]);
    });
  });

  describe('page', () => {
    it('takes a URL, a time zone in any case (spelled canonically) and a language', () => {
      const text = withSection(
        'page',
        'page:\n  name: Apotheek Datahub\n  url: https://status.example.nl\n  timeZone: europe/brussels\n  language: fr',
      );
      expect(parseConfig(text, 'status.yaml').page).toEqual({
        name: 'Apotheek Datahub',
        url: 'https://status.example.nl',
        timeZone: 'Europe/Brussels',
        language: 'fr',
      });
    });

    it('rejects an offset for a time zone, a language we do not serve, and a URL that is not http(s)', () => {
      const text = withSection(
        'page',
        'page:\n  name: Apotheek Datahub\n  url: ftp://status.example.nl\n  timeZone: "+01:00"\n  language: es',
      );
      expect(problemsOf(text)).toEqual([
        'status.yaml:4:8 page.url: must be an http or https URL, got ftp',
        'status.yaml:5:13 page.timeZone: must be an IANA time zone such as "Europe/Amsterdam" or "Europe/Brussels"',
        'status.yaml:6:13 page.language: must be one of nl, fr, en, de',
      ]);
    });
  });

  describe('source', () => {
    it('reads durations in ms, staleAfter and timeout included', () => {
      const text = withSection(
        'source',
        'source:\n  kind: prometheus\n  url: http://127.0.0.1:9090\n  refresh: 1m\n  staleAfter: 1m30s\n  timeout: 500ms',
      );
      expect(parseConfig(text, 'status.yaml').source).toMatchObject({
        refreshMs: 60_000,
        staleAfterMs: 90_000,
        timeoutMs: 500,
      });
    });

    it('defaults the timeout to staleAfter − refresh when that is under 5 seconds', () => {
      const text = withSection('source', 'source:\n  kind: prometheus\n  url: http://127.0.0.1:9090\n  refresh: 2s');
      expect(parseConfig(text, 'status.yaml').source).toMatchObject({
        refreshMs: 2000,
        staleAfterMs: 3000,
        timeoutMs: 1000,
      });
    });

    it('refuses staleAfter equal to refresh, and a timeout beyond staleAfter − refresh, naming the field', () => {
      expect(
        problemsOf(
          withSection(
            'source',
            'source:\n  kind: scrape\n  url: http://127.0.0.1:9464/metrics\n  refresh: 2s\n  staleAfter: 2s',
          ),
        ),
      ).toEqual([
        'status.yaml:9:15 source.staleAfter: must be longer than source.refresh (e.g. 1.5 × refresh): a reading is ' +
          'dated when it starts, so the next one lands after refresh + the time it takes, and /readyz would flap ' +
          'while it is under way',
      ]);
      expect(
        problemsOf(
          withSection(
            'source',
            'source:\n  kind: prometheus\n  url: http://127.0.0.1:9090\n  refresh: 2s\n  staleAfter: 3s\n  timeout: 1500ms',
          ),
        ),
      ).toEqual([
        'status.yaml:10:12 source.timeout: must not exceed source.staleAfter − source.refresh (1000 ms): a reading ' +
          'that takes longer lands after the previous one went stale; raise staleAfter or lower the timeout',
      ]);
    });

    it('rejects a zero or malformed duration, staleAfter below refresh and a timeout above it', () => {
      expect(
        problemsOf(
          withSection(
            'source',
            'source:\n  kind: prometheus\n  url: http://127.0.0.1:9090\n  refresh: 30s\n  staleAfter: 15s\n  timeout: 1m',
          ),
        ),
      ).toEqual([
        'status.yaml:9:15 source.staleAfter: must be longer than source.refresh (e.g. 1.5 × refresh): a reading is ' +
          'dated when it starts, so the next one lands after refresh + the time it takes, and /readyz would flap ' +
          'while it is under way',
        'status.yaml:10:12 source.timeout: must not exceed source.refresh: reads would pile up',
      ]);
      expect(
        problemsOf(
          withSection(
            'source',
            'source:\n  kind: prometheus\n  url: http://127.0.0.1:9090\n  refresh: 0s\n  timeout: 1.5s',
          ),
        ),
      ).toEqual([
        'status.yaml:8:12 source.refresh: must be longer than 0',
        'status.yaml:9:12 source.timeout: must be a duration like 15s, 1m30s or 500ms (units y, w, d, h, m, s, ms), got "1.5s"',
      ]);
    });

    it('reads a scrape source with its namespace, service and outage limit', () => {
      const text = withSection(
        'source',
        'source:\n  kind: scrape\n  url: http://127.0.0.1:9464/metrics\n  namespace: apotheek\n  service: medication-history\n  outageLimit: 5m',
      );
      expect(parseConfig(text, 'status.yaml').source).toEqual({
        kind: 'scrape',
        url: 'http://127.0.0.1:9464/metrics',
        refreshMs: 15_000,
        staleAfterMs: 22_500,
        timeoutMs: 5000,
        headers: {},
        namespace: 'apotheek',
        service: 'medication-history',
        outageLimitSeconds: 300,
      });
      const defaults = withSection('source', 'source:\n  kind: scrape\n  url: http://127.0.0.1:9464/metrics');
      expect(parseConfig(defaults, 'status.yaml').source).toMatchObject({ namespace: 'care', outageLimitSeconds: 600 });
    });

    it('reads an embedded source without a URL, and says which keys belong to another kind', () => {
      expect(parseConfig(withSection('source', 'source:\n  kind: embedded\n  refresh: 30s'), 's.yaml').source).toEqual({
        kind: 'embedded',
        refreshMs: 30_000,
        staleAfterMs: 45_000,
      });
      expect(problemsOf(withSection('source', 'source:\n  kind: embedded\n  url: http://127.0.0.1:9090'))).toEqual([
        'status.yaml:7:3 source.url: is not used by kind embedded (only by prometheus and scrape)',
      ]);
      expect(
        problemsOf(
          withSection('source', 'source:\n  kind: prometheus\n  url: http://127.0.0.1:9090\n  namespace: care'),
        ),
      ).toEqual(['status.yaml:8:3 source.namespace: is not used by kind prometheus (only by scrape)']);
    });

    it('requires a URL for remote kinds, without credentials in it, and a known kind', () => {
      expect(problemsOf(withSection('source', 'source:\n  kind: scrape'))).toEqual([
        'status.yaml:6:3 source.url: is required for kind scrape',
      ]);
      expect(
        problemsOf(withSection('source', 'source:\n  kind: prometheus\n  url: https://user:secret@mimir.example.nl')),
      ).toEqual([
        `status.yaml:7:8 source.url: must not hold a user name or password; send them in headers (e.g. Authorization: \${TOKEN})`,
      ]);
      expect(problemsOf(withSection('source', 'source:\n  kind: promethues\n  url: http://127.0.0.1:9090'))).toEqual([
        'status.yaml:6:9 source.kind: must be one of prometheus, scrape, embedded; did you mean "prometheus"?',
      ]);
    });

    it('takes headers, with references to environment variables replaced', () => {
      const text = withSection(
        'source',
        `source:\n  kind: prometheus\n  url: http://127.0.0.1:9090\n  headers:\n    X-Scope-OrgID: apotheek-datahub\n    Authorization: Bearer \${MIMIR_TOKEN}`,
      );
      expect(parseConfig(text, 'status.yaml', { MIMIR_TOKEN: 's3cret' }).source).toMatchObject({
        headers: { 'X-Scope-OrgID': 'apotheek-datahub', Authorization: 'Bearer s3cret' },
      });
      expect(problemsOf(text)).toEqual([
        `status.yaml:10:20 source.headers.Authorization: uses \${MIMIR_TOKEN}, not set in the environment`,
      ]);
    });

    it('rejects a header name with a space and a header value that is not text', () => {
      const text = withSection(
        'source',
        'source:\n  kind: prometheus\n  url: http://127.0.0.1:9090\n  headers:\n    X Scope: a\n    X-Retries: [1]',
      );
      expect(problemsOf(text)).toEqual([
        "status.yaml:9:5 source.headers.X Scope: is not a valid header name (letters, digits and !#$%&'*+.^_`|~-)",
        'status.yaml:10:16 source.headers.X-Retries: must be text, got a list',
      ]);
    });
  });

  describe('components and providers', () => {
    it('reads names and descriptions per language, and the providers a component depends on', () => {
      const text = `${MINIMAL.replace(
        '    name: Medicatiehistorie\n',
        '    name: { nl: Medicatiehistorie, fr: Historique de médication }\n    description: { nl: Het overzicht, en: The overview }\n    badgeLabel: medicatie\n    providers: [ehealth]\n',
      )}providers:
  - id: ehealth
    name: { nl: het eHealth-platform, fr: la plateforme eHealth }
    slos: [call-ehealth]
    backup: { name: uitwijklocatie, slos: [call-ehealth-backup] }
`;
      const config = parseConfig(text, 'status.yaml');
      expect(config.components).toEqual([
        {
          id: 'medication-history',
          name: 'Medicatiehistorie',
          names: { nl: 'Medicatiehistorie', fr: 'Historique de médication' },
          description: 'Het overzicht',
          descriptions: { nl: 'Het overzicht', en: 'The overview' },
          slos: ['fetch-medication-history'],
          badgeLabel: 'medicatie',
          providers: ['ehealth'],
        },
      ]);
      expect(config.providers).toEqual([
        {
          id: 'ehealth',
          name: 'het eHealth-platform',
          names: { nl: 'het eHealth-platform', fr: 'la plateforme eHealth' },
          slos: ['call-ehealth'],
          backup: { name: 'uitwijklocatie', slos: ['call-ehealth-backup'] },
        },
      ]);
    });

    it('requires the page language among the translations, and knows only nl, fr, en and de', () => {
      const text = MINIMAL.replace('name: Medicatiehistorie', 'name: { fr: Historique, es: Historial }');
      expect(problemsOf(text)).toEqual([
        'status.yaml:10:11 components[0].name: must include nl, the page language, which the other languages fall back to',
        'status.yaml:10:29 components[0].name.es: unknown key',
      ]);
    });

    it('rejects ids that are not URL-safe or not unique, and SLO names that are not DNS labels', () => {
      const text = `${MINIMAL}  - id: medication-history\n    name: Twee\n    slos: [Fetch_Medication, a, a]\n  - id: -dash\n    name: Drie\n    slos: [b]\n`;
      expect(problemsOf(text)).toEqual([
        'status.yaml:12:9 components[1].id: "medication-history" is already the id of components[0]; ids must be unique',
        'status.yaml:14:12 components[1].slos[0]: must be an SLO name as in slos.yaml (a-z, 0-9, -), got "Fetch_Medication"',
        'status.yaml:14:33 components[1].slos[2]: lists "a" twice',
        'status.yaml:15:9 components[2].id: must be 1–63 of a-z, 0-9 and -, starting with a letter or digit (URL-safe), got "-dash"',
      ]);
    });

    it('requires at least one component, and id, name and slos in each', () => {
      expect(problemsOf(withSection('components', 'components: []'))).toEqual([
        'status.yaml:8:13 components: must list at least one component',
      ]);
      expect(problemsOf(withSection('components', 'components:\n  - badgeLabel: x\n    slo: [a]'))).toEqual([
        'status.yaml:9:5 components[0].id: is required',
        'status.yaml:9:5 components[0].name: is required',
        'status.yaml:9:5 components[0].slos: is required',
        'status.yaml:10:5 components[0].slo: unknown key; did you mean "slos"?',
      ]);
    });

    it('reads the group of grouped SLOs a component shows, and refuses one that cannot be a group', () => {
      const grouped = MINIMAL.replace(
        '    slos: [fetch-medication-history]\n',
        '    slos: [medication-history-by-vendor]\n    group: medi-sys\n',
      );
      expect(parseConfig(grouped, '/etc/hartslag/status.yaml').components).toEqual([
        {
          id: 'medication-history',
          name: 'Medicatiehistorie',
          slos: ['medication-history-by-vendor'],
          group: 'medi-sys',
        },
      ]);
      expect(problemsOf(grouped.replace('group: medi-sys', 'group: "{x}"'))).toEqual([
        'status.yaml:12:12 components[0].group: must be a group of the SLOs (a vendor, tenant or __other__), 1–128 characters without { }, got "{x}"',
      ]);
    });

    it('checks that every provider a component names is defined, with a suggestion', () => {
      const text = `${MINIMAL.replace('    slos: [fetch-medication-history]\n', '    slos: [fetch-medication-history]\n    providers: [ehealht, ehealth]\n')}providers:\n  - id: ehealth\n    name: eHealth\n    slos: [call-ehealth]\n  - id: ehealth\n    name: dubbel\n    slos: []\n`;
      expect(problemsOf(text)).toEqual([
        'status.yaml:12:17 components[0].providers[0]: names provider "ehealht", which is not defined (known: ehealth); did you mean "ehealth"?',
        'status.yaml:17:9 providers[1].id: "ehealth" is already the id of providers[0]; ids must be unique',
        'status.yaml:19:11 providers[1].slos: must list at least one SLO name',
      ]);
    });
  });

  describe('tokens', () => {
    it('reads a token by its digest, in lower case, with its scopes once each', () => {
      const text = `${MINIMAL}tokens:\n  - name: ops-team\n    sha256: ${DIGEST.toUpperCase()}\n    scopes: [incidents:write, audit:read, audit:read]\n`;
      expect(parseConfig(text, 'status.yaml').tokens).toEqual([
        { name: 'ops-team', sha256: DIGEST, scopes: ['incidents:write', 'audit:read'] },
      ]);
    });

    it('rejects a token pasted where its digest belongs, a digest used twice, a name used twice and unknown scopes', () => {
      const text = `${MINIMAL}tokens:
  - name: ops-team
    sha256: ${DIGEST}
    scopes: [incidents:write]
  - name: ops-team
    sha256: ${DIGEST}
    scopes: [incident:write]
  - name: on-call
    sha256: Vx3rLm0c8kWZ8x6n0JbH0m7yJ2q9F1aQy4kO3pP5s2E
    scopes: []
`;
      expect(problemsOf(text)).toEqual([
        'status.yaml:16:11 tokens[1].name: "ops-team" is already the name of tokens[0]',
        'status.yaml:17:13 tokens[1].sha256: is the digest of tokens[0] too; give every holder a token of its own',
        'status.yaml:18:14 tokens[1].scopes[0]: is not a scope: use incidents:write, maintenance:write, audit:read, reports:read, read:vendor:<id>, read:tenant-group:<id>; did you mean "incidents:write"?',
        'status.yaml:20:13 tokens[2].sha256: must be the sha256 hex digest of the token, 64 characters 0-9a-f (this looks like the token itself: never put a token here); compute it with `printf %s "$TOKEN" | sha256sum`',
        'status.yaml:21:13 tokens[2].scopes: must list at least one of incidents:write, maintenance:write, audit:read, reports:read, read:vendor:<id>, read:tenant-group:<id>',
      ]);
    });
  });

  describe('storage, server and rate limits', () => {
    it('keeps SQLite next to the configuration file, and takes PostgreSQL from DATABASE_URL', () => {
      const text = `${MINIMAL}storage: { sqlite: ./state/status.sqlite }\n`;
      expect(parseConfig(text, 'conf/status.yaml').storage).toEqual({
        kind: 'sqlite',
        path: resolve('conf/state/status.sqlite'),
      });
      const url = 'postgres://status:pw@127.0.0.1:5432/status';
      expect(parseConfig(text, 'conf/status.yaml', { DATABASE_URL: url }).storage).toEqual({ kind: 'postgres', url });
      expect(problemsOf(text, { DATABASE_URL: 'mysql://127.0.0.1/status' })).toEqual([
        'status.yaml DATABASE_URL: in the environment must be a PostgreSQL URL (postgres://user:password@host:5432/database)',
      ]);
    });

    it('reads the server and rate limits, and rejects ports and limits out of range or given as text', () => {
      const good = `${MINIMAL}server: { host: 0.0.0.0, port: 0 }\nrateLimit: { readsPerMinute: 1200 }\n`;
      const config = parseConfig(good, 'status.yaml');
      expect(config.server).toEqual({ host: '0.0.0.0', port: 0 });
      expect(config.rateLimit).toEqual({ readsPerMinute: 1200, writesPerMinute: 30 });
      const bad = `${MINIMAL}server: { port: "8080" }\nrateLimit: { readsPerMinute: 0, writesPerMinute: 2.5 }\n`;
      expect(problemsOf(bad)).toEqual([
        'status.yaml:12:17 server.port: must be a whole number from 0 to 65535, got "8080"',
        'status.yaml:13:30 rateLimit.readsPerMinute: must be from 1 to 1000000, got 0',
        'status.yaml:13:50 rateLimit.writesPerMinute: must be a whole number from 1 to 1000000, got the number 2.5',
      ]);
    });

    it('reads the proxies to trust (addresses and CIDR ranges) and names a bad entry', () => {
      const good = `${MINIMAL}server: { trustProxy: [127.0.0.1, 10.0.0.0/8, "fd00::/8"] }\n`;
      expect(parseConfig(good, 'status.yaml').server).toEqual({
        host: '127.0.0.1',
        port: 8080,
        trustProxy: ['127.0.0.1', '10.0.0.0/8', 'fd00::/8'],
      });
      expect(problemsOf(`${MINIMAL}server: { trustProxy: [127.0.0.1, haproxy, 10.0.0.0/40] }\n`)).toEqual([
        'status.yaml:12:35 server.trustProxy[1]: must be an IP address or CIDR range of a proxy you run (e.g. 10.0.0.0/8), got "haproxy"',
        'status.yaml:12:44 server.trustProxy[2]: must be an IP address or CIDR range of a proxy you run (e.g. 10.0.0.0/8), got "10.0.0.0/40"',
      ]);
    });
  });
});
