import type { IncomingMessage, ServerResponse } from 'node:http';

/** A badge answer built once per state, label, language and style (routes/badge.ts). */
export interface PreparedBadge {
  /** A string, not a Buffer: Node sends a string body in one chunk with the head. */
  body: string;
  tag: string;
  /** The board version the etag and headers were made for. */
  version: number;
  etag: string;
  /** Flat [name, value, …] list for writeHead. */
  headers: string[];
  /** What a 304 repeats: the headers without the body's type and length. */
  notModified: string[];
}

/** Requests remembered at most; past it the table starts over (cache busters are free text). */
const MAX_REMEMBERED = 10_000;
/**
 * Longer URL + Accept-Language pairs are not remembered: a badge URL with the longest label is far
 * shorter, and Node allows 16 KiB of headers, so 10,000 of those would hold 160 MB.
 */
const MAX_KEY_LENGTH = 1_024;

/**
 * Badge answers by exact request, served by the server's request listener before fastify routes
 * the request. Partner pages ask for the same few badge URLs all day; fastify's routing, request
 * objects, validation and hooks cost more per request than the badge itself (BENCHMARKS.md).
 *
 * Only the badge route fills the table, and only with answers it gave: a request whose URL and
 * Accept-Language match one it validated and answered gets the same bytes again, as long as the
 * board has not changed since. Everything else (another method, a new URL, a new board version, a
 * client over its read limit, a closing server) falls through to fastify, which answers as always.
 */
export class BadgeFastPath {
  private answers = new Map<string, { badge: PreparedBadge; version: number }>();
  private open = true;

  constructor(
    private readonly board: { currentVersion(): number },
    /** Counts a read for the address and says whether it is within the limit; absent: no limit. */
    private readonly admit?: (req: IncomingMessage) => boolean,
  ) {}

  /** Called by the badge route with the answer it gives `req`, made for the board's current version. */
  remember(req: IncomingMessage, badge: PreparedBadge): void {
    if (req.method !== 'GET' || req.url === undefined) return;
    const key = keyOf(req.url, req.headers['accept-language']);
    if (key.length > MAX_KEY_LENGTH) return;
    if (this.answers.size >= MAX_REMEMBERED) this.answers.clear();
    this.answers.set(key, { badge, version: badge.version });
  }

  /** Answers `req` when it can and says whether it did; when not, nothing was written. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.open || req.method !== 'GET' || req.url === undefined) return false;
    const answer = this.answers.get(keyOf(req.url, req.headers['accept-language']));
    const version = this.board.currentVersion();
    if (answer === undefined || answer.version !== version || answer.badge.version !== version) return false;
    // Over the limit: fastify's hook answers the 429 (the limiter did not count this one).
    if (this.admit !== undefined && !this.admit(req)) return false;
    writeBadge(req, res, answer.badge);
    return true;
  }

  /** From now on every request goes to fastify (which answers 503 while it closes). */
  close(): void {
    this.open = false;
    this.answers.clear();
  }
}

/** The badge, or 304 to a matching If-None-Match: one writeHead + end, by the route and the fast path alike. */
export function writeBadge(req: IncomingMessage, res: ServerResponse, badge: PreparedBadge): void {
  if (req.headers['if-none-match'] === badge.etag) {
    res.writeHead(304, badge.notModified);
    res.end();
  } else {
    res.writeHead(200, badge.headers);
    res.end(badge.body);
  }
}

const keyOf = (url: string, acceptLanguage: string | undefined) =>
  acceptLanguage === undefined ? url : `${url}\u0000${acceptLanguage}`;
