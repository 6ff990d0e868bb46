import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `text` as `dir/name` so that a crash at any point leaves the old file or the new one,
 * never a mix: a temporary file, fsync, rename over the old one, fsync of the directory (Vector's
 * checkpointer.rs does the same). Throws the file system's error.
 */
export function writeAtomic(dir: string, name: string, text: string): void {
  const file = join(dir, name);
  const tmp = `${file}.tmp`;
  mkdirSync(dir, { recursive: true });
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
