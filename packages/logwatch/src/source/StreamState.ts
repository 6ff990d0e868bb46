/** One logical file as the checkpoint keeps it: known by its first line, wherever it moves. */
export interface StreamState {
  /** sha256 (hex, 32 chars) of the first line, or of its first FINGERPRINT_BYTES bytes. */
  fingerprint: string;
  dev: number;
  ino: number;
  /** Where it was last seen. */
  path: string;
  /** Bytes consumed (decompressed bytes for .gz): every line before it is recorded. */
  offset: number;
  /** Read to the end of a .gz: never read again. */
  done: boolean;
  /** Inside an over-long line: skip to its newline. */
  skipping: boolean;
}
