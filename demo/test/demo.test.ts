import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium, waitFor } from '@hartslag/testkit';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPages } from './support/chromium.js';
import { component } from './support/components.js';
import { alive, commandOf, DemoProcess, portFree } from './support/DemoProcess.js';
import { expectLateMessagesStale, expectStalledStageNamed } from './support/pipeline.js';

const withPrometheus = spawnSync('sh', ['-c', 'command -v prometheus'], { stdio: 'ignore' }).status === 0;

/**
 * The demo run headless as CI runs it: every port 0, a simulated day every 5 minutes, the incident
 * 5 s after start. One run for the whole file, so it stays within a few minutes.
 */
describe('the demo, run as a user runs it', () => {
  let demo: DemoProcess;
  let dataDir: string;
  let browser: Browser | undefined;
  const urls: Record<string, string> = {};
  let operationalBadge = '';
  let children: number[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'hartslag-demo-'));
    demo = new DemoProcess([
      '--platform-port',
      '0',
      '--status-port',
      '0',
      '--prometheus-port',
      '0',
      '--preview-port',
      '0',
      '--day-seconds',
      '300',
      '--incident-after',
      '5',
      '--data-dir',
      dataDir,
    ]);
    await demo.waitFor(/^Incident: fetch-medication-history stalls at/m, 60_000);
    for (const label of [
      'status page',
      'badge',
      'status JSON',
      'platform metrics',
      'Prometheus',
      'Prometheus alerts',
      'logwatch metrics',
    ]) {
      const url = demo.url(label);
      if (url !== undefined) urls[label] = url;
    }
    // Before the first stalled call ends at the platform's 5 s deadline.
    operationalBadge = await (await fetch(urls.badge!)).text();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the URLs of the status page, badge, status JSON and metrics, and each answers', async () => {
    expect(Object.keys(urls)).toEqual(
      expect.arrayContaining(['status page', 'badge', 'status JSON', 'platform metrics']),
    );
    const page = await fetch(urls['status page']!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Apotheek Datahub');

    const badge = await fetch(urls.badge!);
    expect(badge.status).toBe(200);
    expect(badge.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(operationalBadge).toMatch(/<svg[\s\S]*<\/svg>/);

    const status = await fetch(urls['status JSON']!);
    expect(status.status).toBe(200);
    expect(status.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await status.json()) as { components: { id: string }[] };
    expect(body.components.map((c) => c.id)).toEqual([
      'medication-history',
      'dispensations',
      'prescriptions',
      'messaging',
      'login',
    ]);

    const metrics = await fetch(urls['platform metrics']!);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await metrics.text()).toContain('# TYPE care_calls_total counter');
    // Care providers log in and call; pharmacies without a contract are refused, and counted as such.
    for (const series of [
      /^care_calls_total\{[^}]*operation="login",outcome="success"/m,
      /^care_calls_total\{[^}]*operation="fetch-prescription",outcome="success"/m,
      /^care_calls_total\{[^}]*outcome="denied",code="no_contract"/m,
    ]) {
      await waitFor(
        `${series} on /metrics`,
        async () => (series.test(await (await fetch(urls['platform metrics']!)).text()) ? true : undefined),
        20_000,
      );
    }
  }, 90_000);

  it.runIf(withPrometheus)(
    'runs Prometheus with the generated rules, scraping the platform',
    async () => {
      const prometheus = urls.Prometheus!;
      expect(prometheus).toBeDefined();
      const home = await fetch(prometheus);
      expect(home.status).toBe(200);
      expect(home.headers.get('content-type')).toMatch(/^text\/html/);
      const alerts = await fetch(urls['Prometheus alerts']!);
      expect(alerts.status).toBe(200);
      expect(alerts.headers.get('content-type')).toMatch(/^text\/html/);
      const rules = (await (await fetch(`${prometheus}api/v1/rules`)).json()) as { data: { groups: unknown[] } };
      expect(rules.data.groups.length).toBeGreaterThan(10);
      // The scrape relabels the platform's series into the services the rules select.
      await waitFor(
        'relabelled series in Prometheus',
        async () => {
          const q = encodeURIComponent('count(care_calls_total{service="medication-history"})');
          const r = (await (await fetch(`${prometheus}api/v1/query?query=${q}`)).json()) as {
            data: { result: unknown[] };
          };
          return r.data.result.length > 0 ? true : undefined;
        },
        20_000,
      );
    },
    60_000,
  );

  it('runs a logwatch on the platform access log, its calls in Prometheus as job logwatch', async () => {
    const metrics = urls['logwatch metrics']!;
    expect(metrics).toBeDefined();
    await waitFor(
      'logwatch to count calls from the access log',
      async () =>
        /^care_calls_total\{[^}]*service="reference-platform"/m.test(await (await fetch(metrics)).text())
          ? true
          : undefined,
      30_000,
    );
    if (!withPrometheus) return;
    await waitFor(
      'job logwatch in Prometheus',
      async () => {
        const q = encodeURIComponent('sum(hartslag_logwatch_lines_read_total{job="logwatch"}) > 0');
        const r = (await (await fetch(`${urls.Prometheus}api/v1/query?query=${q}`)).json()) as {
          data: { result: unknown[] };
        };
        return r.data.result.length > 0 ? true : undefined;
      },
      30_000,
    );
  }, 60_000);

  it('serves the panel preview with the live data once the harness answers', async () => {
    const [, preview] = await demo.waitFor(/^ {2}panel preview +(http\S+)/m, 120_000);
    urls['panel preview'] = preview!;
    const page = await fetch(preview!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const data = await fetch(`${preview}data/today.json`);
    expect(data.headers.get('content-type')).toMatch(/^application\/json/);
    const json = (await data.json()) as { series: { refId: string; fields: { values: number[] }[] }[] };
    expect(json.series.map((s) => s.refId)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    // Today so far, measured on the live platform.
    await waitFor(
      "today's measured points",
      async () => {
        const fresh = (await (await fetch(`${preview}data/today.json`)).json()) as typeof json;
        return fresh.series[0]!.fields[1]!.values.length >= 2 ? true : undefined;
      },
      20_000,
    );
  }, 150_000);

  it('runs the status page and the panel preview on one clock: the demo’s simulated time', async () => {
    const [status, preview] = await Promise.all([
      fetch(urls['status JSON']!).then((r) => r.json() as Promise<{ page: { updated_at: string } }>),
      fetch(`${urls['panel preview']}data/today.json`).then((r) => r.json() as Promise<{ timeRange: { to: number } }>),
    ]);
    // The status API refreshes every 5 s: 24 simulated minutes at a day every 300 s. On the wall
    // clock the two would be hours apart, as the status page's chart was (14:25 against 10:36).
    const simulatedMinutes = Math.abs(preview.timeRange.to - Date.parse(status.page.updated_at)) / 60_000;
    expect(simulatedMinutes).toBeLessThanOrEqual(2 * 24);
  });

  it('turns the badge and status JSON during the incident: degraded at once, a major outage once it lasted a minute', async () => {
    const statusUrl = urls['status page']!;
    const turned = await waitFor(
      'medication-history to leave operational',
      async () => {
        const c = await component(statusUrl, 'medication-history');
        return c.status !== 'operational' && c.status !== 'unknown' ? c : undefined;
      },
      // A guard, not a speed check: on a loaded 2-core machine the demo's clock reaches the incident later.
      180_000,
    );
    expect(['degraded', 'partial_outage', 'major_outage']).toContain(turned.status);
    const major = await waitFor(
      'a major outage of medication-history',
      async () => {
        const c = await component(statusUrl, 'medication-history');
        return c.status === 'major_outage' ? c : undefined;
      },
      150_000,
    );
    expect(major.reasons).toContain('slo:fetch-medication-history:outage_active');
    const badge = await (await fetch(urls.badge!)).text();
    expect(badge).not.toBe(operationalBadge);
    const summary = (await (await fetch(urls['status JSON']!)).json()) as {
      status: { indicator: string };
      components: { id: string; status: string }[];
    };
    expect(summary.status.indicator).not.toBe('none');
    // Only the stalled operation is out; the others keep working.
    expect((await component(statusUrl, 'prescriptions')).status).toBe('operational');
    expect(demo.stdout).toMatch(/▶ \d\d:\d\d:\d\d incident: fetch-medication-history stalls until/);
    await demo.waitFor(/medication-history badge: major_outage/, 15_000);
    // The on-call engineer writes it on the page.
    const incidents = await waitFor(
      'an open incident on the status page',
      async () => {
        const r = (await (await fetch(`${statusUrl}v1/incidents?open=true`)).json()) as {
          incidents: { name: string; components: string[] }[];
        };
        return r.incidents.length > 0 ? r.incidents : undefined;
      },
      15_000,
    );
    expect(incidents[0]!.components).toEqual(['medication-history']);
  }, 360_000);

  it('names the stalled pipeline stage during the incident, as the stage series in Prometheus do', async () => {
    await expectStalledStageNamed(demo, urls, withPrometheus);
  }, 180_000);

  it('renders the status page and the panel preview in Chromium without errors', async () => {
    browser = await launchChromium();
    await renderPages(browser, urls);
  }, 120_000);

  it('recovers on r + Enter: the outage ends and medication history is no longer a major outage', async () => {
    demo.child.stdin.write('r\n');
    await demo.waitFor(/■ \d\d:\d\d:\d\d incident over \(on demand\)/, 10_000);
    const after = await waitFor(
      'the outage to end',
      async () => {
        const c = await component(urls['status page']!, 'medication-history');
        return c.status !== 'major_outage' && !c.reasons.includes('slo:fetch-medication-history:outage_active')
          ? c
          : undefined;
      },
      90_000,
    );
    const open = (await (await fetch(`${urls['status page']}v1/incidents?open=true`)).json()) as {
      incidents: unknown[];
    };
    expect(open.incidents).toEqual([]);
    // The budget the incident burned stays spent: degraded, not yet operational.
    expect(['operational', 'degraded']).toContain(after.status);
    await expectLateMessagesStale(demo, urls, withPrometheus);
    demo.child.stdin.write('r\n');
    await demo.waitFor(/No incident is on; i \+ Enter starts one\./, 5_000);
  }, 120_000);

  it('stops everything on SIGINT: exit code 0, child processes gone, ports free', async () => {
    children = demo.children().filter(alive);
    const commands = children.map(commandOf).join('\n');
    expect(commands).toContain('harness/serve.ts');
    if (withPrometheus) expect(commands).toContain('prometheus --config.file=');
    const ports = Object.values(urls).map((u) => Number(new URL(u).port));
    demo.child.kill('SIGINT');
    expect(await demo.exited).toBe(0);
    expect(demo.stdout).toContain('stopped: every server closed, every child process ended.');
    // Every line the platform wrote to its access log, counted once by the demo's logwatch.
    const written = readFileSync(path.join(dataDir, 'platform-access.log'), 'utf8')
      .split('\n')
      .filter((l) => l !== '').length;
    expect(written).toBeGreaterThan(0);
    expect(/^logwatch: (\d+) access-log lines counted$/m.exec(demo.stdout)?.[1]).toBe(String(written));
    expect(children.filter(alive).map(commandOf)).toEqual([]);
    for (const port of new Set(ports)) expect(await portFree(port)).toBe(true);
  }, 30_000);
});
