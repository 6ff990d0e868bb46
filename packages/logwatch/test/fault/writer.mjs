// A service writing its access log and rotating it the three usual ways (rename, copytruncate,
// rename + gzip), counting what it wrote. Runs until SIGTERM, then prints its counts as JSON.
import { appendFileSync, copyFileSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const [dir, seedText] = process.argv.slice(2);
const log = join(dir, 'access.log');
let seed = Number(seedText);
const random = () => {
  // mulberry32: the same seed, the same run.
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const STATUSES = [
  ['200', 'success'],
  ['200', 'success'],
  ['200', 'success'],
  ['404', 'client_error'],
  ['503', 'server_error'],
  ['504', 'timeout'],
  ['NO_CONTRACT', 'denied'],
];
const counts = { success: 0, client_error: 0, server_error: 0, timeout: 0, denied: 0 };
let seq = 0;
let rotations = 0;
let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});

function rotate() {
  rotations++;
  const kind = rotations % 3;
  const old = join(dir, `access.log.${rotations}`);
  if (kind === 0) {
    renameSync(log, old);
  } else if (kind === 1) {
    copyFileSync(log, old);
    truncateSync(log, 0);
  } else {
    renameSync(log, old);
    // gzip writes the .gz in place, then removes the original: a reader may see both, or a torn .gz.
    const gz = gzipSync(readFileSync(old));
    writeFileSync(`${old}.gz`, gz.subarray(0, gz.length >> 1));
    appendFileSync(`${old}.gz`, gz.subarray(gz.length >> 1));
    rmSync(old);
  }
}

function burst() {
  const n = 1 + Math.floor(random() * 40);
  let text = '';
  for (let i = 0; i < n; i++) {
    const [status, outcome] = STATUSES[Math.floor(random() * STATUSES.length)];
    counts[outcome]++;
    seq++;
    text += `seq=${seq} op=fetch status=${status} pharmacy=apotheek-${seq % 50} ms=${Math.floor(random() * 300)}\n`;
  }
  appendFileSync(log, text);
  if (random() < 0.03) rotate();
  if (stopping) {
    process.stdout.write(JSON.stringify({ counts, lines: seq, rotations }));
    return;
  }
  setTimeout(burst, Math.floor(random() * 8));
}
writeFileSync(log, '');
burst();
