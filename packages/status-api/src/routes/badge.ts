import type { FastifyInstance } from 'fastify';
import type { UptimeReader } from '../history/UptimeReader.js';
import { UPTIME_WINDOW_NAMES, type UptimeWindow } from '../history/uptime.js';
import { replyError } from '../http/errorReply.js';
import { languageOf } from '../i18n/languageOf.js';
import { LANGUAGES, MESSAGES } from '../i18n/messages.js';
import { BADGE_STYLES, type BadgeStyle, renderBadge, renderUptimeBadge, shieldsEndpoint } from '../render/badge.js';
import type { StatusBoard } from '../state/StatusBoard.js';
import { type BadgeFastPath, type PreparedBadge, writeBadge } from './badgeFastPath.js';
import { PUBLIC_READ_HEADERS } from './hygiene.js';

interface BadgeQuery {
  style?: BadgeStyle;
  label?: string;
  lang?: string;
}

// Unknown query parameters are let through: partners append cache busters to image URLs.
const querystring = {
  type: 'object',
  properties: {
    style: { type: 'string', enum: [...BADGE_STYLES] },
    label: { type: 'string', minLength: 1, maxLength: 64 },
    lang: { type: 'string', enum: [...LANGUAGES] },
  },
} as const;

const params = {
  type: 'object',
  properties: { component: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' } },
  required: ['component'],
} as const;

/**
 * The health badge and its shields.io endpoint JSON. Rendered SVGs are cached per state, label,
 * language and style, so a badge request is a map lookup; ETags let browsers and CDNs revalidate.
 * Each answer is also handed to the fast path, which repeats it to the same request without
 * fastify's routing until the board changes.
 */
export async function badgeRoutes(
  app: FastifyInstance,
  {
    board,
    cacheSeconds,
    uptime,
    fastPath,
  }: { board: StatusBoard; cacheSeconds: number; uptime: UptimeReader; fastPath?: BadgeFastPath },
): Promise<void> {
  const svgCache = new Map<string, PreparedBadge>();

  app.get<{ Params: { component: string }; Querystring: BadgeQuery }>(
    '/badge/:component.svg',
    { schema: { tags: ['badge'], summary: 'The health badge (SVG)', params, querystring } },
    async (request, reply) => {
      const status = board.get(request.params.component);
      const lang = languageOf(request.query, request.headers['accept-language'], request.server.pageLanguage);
      const style = request.query.style ?? 'flat';
      if (status === undefined) {
        reply.code(404);
        reply.header('cache-control', 'no-store');
        return sendSvg(reply, renderBadge({ label: request.query.label ?? 'status', state: 'unknown', lang, style }));
      }
      const label = request.query.label ?? status.component.badgeLabel ?? status.component.name;
      const key = `${status.state}\u0000${label}\u0000${lang}\u0000${style}`;
      let cached = svgCache.get(key);
      if (cached === undefined) {
        cached = {
          body: renderBadge({ label, state: status.state, lang, style }),
          tag: hash(key),
          version: -1,
          etag: '',
          headers: [],
          notModified: [],
        };
        // Bounded: labels are free text from the query string.
        if (svgCache.size > 5_000) svgCache.clear();
        svgCache.set(key, cached);
      }
      if (cached.version !== board.version) {
        cached.version = board.version;
        cached.etag = `"${board.version}-${cached.tag}"`;
        cached.headers = badgeHeaders(cached.etag, cacheSeconds, Buffer.byteLength(cached.body));
        cached.notModified = cached.headers.slice(0, NOT_MODIFIED_HEADER_VALUES);
      }
      fastPath?.remember(request.raw, cached);
      // The hot path of every partner page view: the whole response (the headers securityHeaders()
      // would add included) was assembled once per state and board version, so it is written
      // straight to the socket instead of going through reply serialisation and the onSend hooks.
      reply.hijack();
      writeBadge(request.raw, reply.raw, cached);
    },
  );

  app.get<{ Params: { component: string }; Querystring: BadgeQuery & { window?: UptimeWindow } }>(
    '/badge/:component/uptime.svg',
    {
      schema: {
        tags: ['badge'],
        summary: 'Uptime over a window (SVG badge)',
        params,
        querystring: {
          ...querystring,
          properties: {
            ...querystring.properties,
            window: { type: 'string', enum: UPTIME_WINDOW_NAMES, default: '30d' },
          },
        },
      },
    },
    async (request, reply) => {
      const status = board.get(request.params.component);
      const lang = languageOf(request.query, request.headers['accept-language'], request.server.pageLanguage);
      const style = request.query.style ?? 'flat';
      const window = request.query.window ?? '30d';
      const label = request.query.label ?? `uptime ${window}`;
      if (status === undefined) {
        reply.code(404).header('cache-control', 'no-store');
        return sendSvg(reply, renderUptimeBadge({ label, ratio: undefined, lang, style }));
      }
      const figure = (await uptime.get(status.component.id)).find((u) => u.window === window);
      // Uptime moves by the minute; a minute of caching spares the store.
      reply.header('cache-control', 'public, max-age=60');
      reply.header('vary', 'accept-language');
      return sendSvg(reply, renderUptimeBadge({ label, ratio: figure?.ratio, lang, style }));
    },
  );

  app.get<{ Params: { component: string }; Querystring: BadgeQuery }>(
    '/v1/shields/:component.json',
    { schema: { tags: ['badge'], summary: 'shields.io endpoint badge JSON', params, querystring } },
    async (request, reply) => {
      const status = board.get(request.params.component);
      if (status === undefined)
        return replyError(reply, 404, 'HARTSLAG_ERR_HTTP_UNKNOWN_COMPONENT', 'unknown component');
      const lang = languageOf(request.query, request.headers['accept-language'], request.server.pageLanguage);
      reply.header('cache-control', `public, max-age=${cacheSeconds}`);
      return shieldsEndpoint({
        label: request.query.label ?? status.component.badgeLabel ?? MESSAGES[lang].status,
        state: status.state,
        lang,
      });
    },
  );
}

/** Names and values (flattened) of the headers a 304 repeats: everything but the body's type and length. */
const NOT_MODIFIED_HEADER_VALUES = 14;

/** The same headers the reply path would send: cache validators, the SVG's CSP and the public hygiene. */
function badgeHeaders(etag: string, cacheSeconds: number, length: number): string[] {
  return [
    'etag',
    etag,
    'cache-control',
    `public, max-age=${cacheSeconds}`,
    'vary',
    'accept-language',
    'content-security-policy',
    SVG_CSP,
    ...PUBLIC_READ_HEADERS,
    'content-type',
    SVG_TYPE,
    'content-length',
    String(length),
  ];
}

// An SVG opened directly must not run anything: no scripts, inline styles only.
const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'";
const SVG_TYPE = 'image/svg+xml; charset=utf-8';

function sendSvg(reply: import('fastify').FastifyReply, svg: string) {
  reply.header('content-security-policy', SVG_CSP);
  return reply.type(SVG_TYPE).send(svg);
}

/** FNV-1a: a short, stable tag for the cache key. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
