import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createSloEvaluator } from '@hartslag/metrics';
import { MINUTE_MS } from '@hartslag/rhythm';
import { seededRandom } from '@hartslag/scenarios';
import { SimClock } from './clock/SimClock.js';
import type { DemoOptions, DemoPorts } from './config/args.js';
import { DEFAULT_DATA_DIR, demoPaths } from './config/paths.js';
import { incidentMessage } from './console/incidentMessages.js';
import { listenForCommands } from './console/keyboard.js';
import { banner, clockTime, type DemoUrls, urlLine } from './console/messages.js';
import { stageMessage } from './console/stageMessages.js';
import { startStatusTicker } from './console/statusTicker.js';
import type { DemoError } from './errors.js';
import { IncidentNotice } from './incident/IncidentNotice.js';
import { IncidentScheduler } from './incident/IncidentScheduler.js';
import { platformFaults } from './incident/platformFaults.js';
import { StageWatch } from './pipeline/StageWatch.js';
import { RhythmData } from './preview/RhythmData.js';
import { PROVIDER_PROBE_OBJECTIVE } from './probes/providerProbe.js';
import { Companions } from './services/companions.js';
import { logwatchPaths } from './services/logwatch.js';
import { ADMIN_TOKEN, CALL_TIMEOUT_MS, CLIENT_TIMEOUT_MS, startPlatform } from './services/platform.js';
import { assertPortFree } from './services/ports.js';
import { PreviewServer, previewPath, startHarness } from './services/preview.js';
import { prometheusInstalled, startPrometheus } from './services/prometheus.js';
import { REFRESH_MS, startStatusApi, TIME_ZONE } from './services/statusApi.js';
import { loadDemoSlos } from './slo/demoSlos.js';
import { Teardown } from './Teardown.js';
import { TrafficCurve } from './traffic/curve.js';
import { TrafficPlan } from './traffic/plan.js';
import { Traffic } from './traffic/Traffic.js';
import { TrafficClient } from './traffic/TrafficClient.js';

/** Where the demo writes and reads; the process's own streams by default. */
export interface DemoIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Lines typed here: `i` starts an incident, `r` recovers. */
  stdin?: NodeJS.ReadableStream;
  /** Resolves when the demo should stop (Ctrl-C, SIGTERM); the caller installs the handlers. */
  stopRequested: Promise<unknown>;
}

/**
 * A simulated minute is drawn once its calls have had this long, real ms, to be answered; an
 * answer after that (a stalled call let go when the incident ends) is minutes late in simulated
 * time and does not count for its minute.
 */
const SETTLE_MS = 1_000;
/** The badge and status line follow this component. */
const WATCHED = 'medication-history';

class Stopped extends Error {}

/**
 * Runs the demo until `io.stopRequested` resolves or `durationSeconds` pass, then stops every
 * part (servers closed, child processes ended, ports free) and resolves. Throws, after undoing
 * what it started, when it cannot start: HARTSLAG_ERR_DEMO_PORT_BUSY for a busy port.
 */
export async function runDemo(options: DemoOptions, io: DemoIo): Promise<void> {
  let stopping = false;
  const stopNow = io.stopRequested.then(() => {
    stopping = true;
  });
  const check = () => {
    if (stopping) throw new Stopped();
  };
  const paths = demoPaths(path.resolve(options.dataDir ?? DEFAULT_DATA_DIR));
  const withPrometheus = options.prometheus && prometheusInstalled();
  const wanted: (keyof DemoPorts)[] = ['platform', 'status'];
  if (withPrometheus) wanted.push('prometheus');
  if (options.preview) wanted.push('preview');
  // Every fixed port first: a busy one fails in a second, before anything has started.
  for (const key of wanted) await assertPortFree(key, options.ports[key]);
  const slos = loadDemoSlos();

  const logs = logwatchPaths(paths.dataDir);
  for (const dir of [
    paths.platform,
    paths.prometheusData,
    path.dirname(paths.panelData),
    logs.accessLog,
    logs.checkpoint,
  ]) {
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(paths.dataDir, { recursive: true });

  const teardown = new Teardown();
  const report = (what: string, err: unknown) =>
    io.stderr.write(`! while stopping ${what}: ${(err as Error)?.message ?? err}\n`);
  try {
    const companions = new Companions(teardown, io);
    const platform = await startPlatform(paths.platform, options.ports.platform, options.platformHost, logs.accessLog);
    teardown.add('the platform', () => platform.close());
    const platformUrl = platform.url!;
    const logwatch = await companions.startLogwatch(paths.dataDir);
    const evaluator = createSloEvaluator(platform.metrics, [...slos.objectives, PROVIDER_PROBE_OBJECTIVE], {
      interval: REFRESH_MS / 1000,
    });
    teardown.add('the SLO evaluator', () => evaluator.close());
    // Names a stalled pipeline stage from its queue series, as an operator reads the dashboard.
    const stages = new StageWatch(platform.metrics, (event) => io.stdout.write(stageMessage(event)));
    teardown.add('the stage watch', () => stages.stop());
    check();

    // One clock for every part people look at: the status page, badge, panel and traffic.
    const started = Date.now();
    const clock = new SimClock({ startedAt: started, daySeconds: options.daySeconds, timeZone: TIME_ZONE });
    // Known before the status API starts, which reads partner views from it.
    const partner = await companions.partner(options.ports.prometheus);
    const status = await startStatusApi({
      partner,
      evaluator,
      sqlitePath: paths.statusDb,
      port: options.ports.status,
      peak: options.peak,
      clock,
    });
    teardown.add('the status API', () => status.app.close());
    await companions.startProbe(teardown, platform.metrics, clock);
    check();

    const curve = new TrafficCurve(options.peak, clock.firstDate);
    const minuteSeconds = MINUTE_MS / clock.speed / 1000;
    const rhythm = new RhythmData(curve, TIME_ZONE, minuteSeconds);
    // A redraw per simulated minute, but at most one a second.
    const redrawMs = Math.max(1_000, Math.round(minuteSeconds * 1000));

    let preview: PreviewServer | undefined;
    let previewUrl: string | undefined;
    if (options.preview) {
      // One call more or fewer in a minute is rounding, not an anomaly.
      preview = new PreviewServer(
        paths.panelData,
        previewPath(TIME_ZONE, { anomalies: { minTolerance: 1 / minuteSeconds } }),
      );
      preview.setData(rhythm.frames(clock.at(started).instant));
      previewUrl = await preview.listen(options.ports.preview);
      const server = preview;
      teardown.add('the panel preview', () => server.close());
    }

    const urls: DemoUrls = {
      statusPage: `${status.url}/`,
      badge: `${status.url}/badge/${WATCHED}.svg`,
      statusJson: `${status.url}/v1/status`,
      platformMetrics: `${platformUrl}/metrics`,
    };
    let prometheusNote: string | undefined;
    if (!options.prometheus) {
      prometheusNote = 'Prometheus: off (--no-prometheus)';
    } else if (!withPrometheus) {
      prometheusNote =
        'Prometheus is not installed (Debian: apt-get install prometheus); carrying on with the in-process SLO evaluator.';
    } else {
      try {
        const prometheus = await startPrometheus({
          paths,
          port: companions.prometheusPort,
          platformPort: Number(new URL(platformUrl).port),
          logwatchPort: Number(new URL(logwatch.url).port),
          rules: slos.rules,
          relabel: slos.relabel,
        });
        teardown.add('Prometheus', () => prometheus.stop());
        urls.prometheus = `${prometheus.url}/`;
        urls.prometheusAlerts = prometheus.alertsUrl;
      } catch (err) {
        // Prometheus is an extra: the in-process evaluator judges the same SLOs.
        if ((err as DemoError).code !== 'HARTSLAG_ERR_DEMO_PROMETHEUS') throw err;
        io.stderr.write(`! HARTSLAG_ERR_DEMO_PROMETHEUS: ${(err as Error).message}\n`);
        prometheusNote = 'Prometheus did not start (see above); carrying on with the in-process SLO evaluator.';
      }
    }
    check();

    if (preview !== undefined) {
      const harness = startHarness(paths.panelData);
      teardown.add('the panel harness', () => harness.stop());
      const server = preview;
      harness.ready.then(
        (url) => {
          if (stopping) return;
          server.connect(url);
          io.stdout.write(`${urlLine('panel preview', `${previewUrl}/`)}\n`);
        },
        (err: unknown) => {
          if (!stopping) io.stderr.write(`! ${(err as Error).message}\n`);
        },
      );
    }

    const client = new TrafficClient({
      baseUrl: platformUrl,
      issueToken: (user, tenant) => platform.issueToken(user, tenant),
      timeoutMs: CLIENT_TIMEOUT_MS,
      onAnswered: (minute) => {
        if (clock.at(Date.now() - SETTLE_MS).instant < minute + MINUTE_MS) rhythm.answer(minute);
      },
    });
    const plan = new TrafficPlan(curve, seededRandom(curve.seed));
    const traffic = new Traffic(clock, plan, client, (minute) => rhythm.cover(minute));
    traffic.start();
    teardown.add('the traffic', () => traffic.stop());

    if (preview !== undefined) {
      const server = preview;
      const redraw = setInterval(() => {
        const now = Date.now();
        const simNow = clock.at(now).instant;
        rhythm.prune(simNow);
        server.setData(rhythm.frames(simNow, clock.at(now - SETTLE_MS).instant));
      }, redrawMs);
      teardown.add('the panel redraw', () => clearInterval(redraw));
    }

    const where = { statusPage: urls.statusPage, badge: urls.badge, prometheusAlerts: urls.prometheusAlerts };
    const notice = new IncidentNotice(
      status.store,
      WATCHED,
      (err) =>
        io.stderr.write(`! could not write the incident on the status page: ${(err as Error)?.message ?? err}\n`),
      () => clock.at(Date.now()).instant,
    );
    teardown.add('the status-page incident', () => notice.settle());
    const incident = new IncidentScheduler({
      afterMs: options.incidentAfterSeconds === undefined ? undefined : options.incidentAfterSeconds * 1000,
      durationMs: options.incidentMinutes * 60_000,
      actions: platformFaults(platformUrl, ADMIN_TOKEN),
      onEvent: (event) => {
        io.stdout.write(incidentMessage(event, where, CALL_TIMEOUT_MS / 1000));
        if (event.type === 'recovered') void notice.resolve();
      },
    });
    incident.arm();
    teardown.add('the incident', () => incident.stop());
    // The on-call engineer writes an incident once the badge shows the outage.
    const onCall = setInterval(() => {
      if (incident.state.phase === 'active' && status.board.get(WATCHED)?.state === 'major_outage') {
        void notice.declare();
      }
    }, 2_000);
    teardown.add('the on-call watch', () => clearInterval(onCall));

    io.stdout.write(
      banner({
        daySeconds: options.daySeconds,
        startHour: clock.startHour,
        urls,
        ...(prometheusNote === undefined ? {} : { prometheusNote }),
        preview: options.preview ? 'starting' : 'off',
      }),
    );
    io.stdout.write(companions.lines(status.url));
    const scheduled = incident.state.startsAt;
    io.stdout.write(
      `\n${
        scheduled === undefined
          ? 'No incident scheduled.'
          : `Incident: fetch-medication-history stalls at ${clockTime(scheduled)} (in ${options.incidentAfterSeconds} s) for ${options.incidentMinutes} min.`
      } Type i + Enter to start one now, r + Enter to recover. Ctrl-C stops.\n\n`,
    );

    const stopTicker = startStatusTicker({
      client,
      clock,
      badgeState: () => status.board.get(WATCHED)?.state ?? 'unknown',
      evaluator,
      incident,
      write: (text) => io.stdout.write(text),
    });
    teardown.add('the status line', stopTicker);

    if (io.stdin !== undefined) {
      const stopListening = listenForCommands(io.stdin, incident, (text) => io.stdout.write(text));
      teardown.add('the keyboard', stopListening);
    }

    const timers: NodeJS.Timeout[] = [];
    await Promise.race([
      stopNow,
      ...(options.durationSeconds === undefined
        ? []
        : [new Promise((resolve) => timers.push(setTimeout(resolve, options.durationSeconds! * 1000)))]),
    ]);
    for (const t of timers) clearTimeout(t);
    io.stdout.write(`\nstopping after ${client.counts.total.toLocaleString('en')} calls…\n`);
  } catch (err) {
    await teardown.run(report);
    if (err instanceof Stopped) return;
    throw err;
  }
  await teardown.run(report);
  io.stdout.write('stopped: every server closed, every child process ended.\n');
}
