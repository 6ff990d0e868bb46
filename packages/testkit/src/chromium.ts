import { spawnSync } from 'node:child_process';
import { type Browser, chromium } from 'playwright-core';
import { requireTool } from './requireTool.js';

/**
 * Debian's Chromium (package `chromium`), headless, through playwright-core: never a downloaded
 * browser. Close it after use.
 */
export async function launchChromium(): Promise<Browser> {
  requireTool('chromium');
  const executablePath = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();
  return chromium.launch({
    executablePath,
    headless: true,
    // As root (CI containers) Chromium refuses its sandbox; /dev/shm is small in containers.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--font-render-hinting=none'],
  });
}
