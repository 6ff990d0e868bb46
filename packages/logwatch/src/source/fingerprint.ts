import { createHash } from 'node:crypto';

/** Bytes of the first line that identify a file; a longer first line is known by these. */
export const FINGERPRINT_BYTES = 256;

/**
 * A file's identity from its first line (Vector's "first lines checksum"): it survives rename,
 * copy, copytruncate and gzip, where device and inode do not. Undefined until the first line is
 * complete or FINGERPRINT_BYTES long: such a file has nothing to read yet anyway.
 */
export function fingerprint(head: Uint8Array): string | undefined {
  const end = Math.min(head.length, FINGERPRINT_BYTES);
  let n = head.subarray(0, end).indexOf(0x0a);
  if (n < 0) {
    if (head.length < FINGERPRINT_BYTES) return undefined;
    n = FINGERPRINT_BYTES - 1;
  }
  return createHash('sha256')
    .update(head.subarray(0, n + 1))
    .digest('hex')
    .slice(0, 32);
}
