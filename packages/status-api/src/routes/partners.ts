import { REPORT_FORMATS, type ReportFormat } from '@hartslag/slo';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WWW_AUTHENTICATE } from '../auth/requireScope.js';
import { PARTNER_KINDS, type PartnerKind, partnerScope } from '../auth/scopes.js';
import type { TokenRegistry } from '../auth/TokenRegistry.js';
import { errorResponse, replyError } from '../http/errorReply.js';
import { languageOf } from '../i18n/languageOf.js';
import { LANGUAGES } from '../i18n/messages.js';
import { presentedToken } from '../partners/credential.js';
import { findPartner, type Partner, type PartnersOptions } from '../partners/Partner.js';
import type { PartnerReader } from '../partners/PartnerReader.js';
import { partnerWeeklyReport, renderWeeklyReport } from '../partners/weeklyReport.js';
import { renderPartnerPage } from '../render/partnerPage.js';
import type { InstantQuery } from '../source/InstantQuery.js';
import type { StatusStore } from '../store/StatusStore.js';

export interface PartnerRouteOptions {
  partners: PartnersOptions;
  reader: PartnerReader;
  tokens: TokenRegistry;
  store: StatusStore;
  prometheus: { url: string; instant: InstantQuery; timeoutMs: number };
  timeZone: string;
  /** Every SLO of the page's components: what a weekly report covers. */
  slos: readonly string[];
  /** The audit log's clock (the service's `now`); Prometheus is always asked about the present. */
  now: () => number;
  log: (message: string, err?: unknown) => void;
}

/** Browsers prompt for Basic credentials (the token as the password); API clients send a bearer token. */
const CHALLENGE = `${WWW_AUTHENTICATE}, Basic realm="hartslag-partner", charset="UTF-8"`;

/** The partner a request may read, or undefined once a 401 or 403 has been sent. */
async function authorise(
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
  kind: PartnerKind,
  o: PartnerRouteOptions,
  action: string,
): Promise<{ partner: Partner; actor: string } | undefined> {
  const token = presentedToken(request.headers.authorization);
  const actor = token === undefined ? undefined : o.tokens.authenticateToken(token);
  if (actor === undefined) {
    reply.header('www-authenticate', CHALLENGE);
    await replyError(reply, 401, 'HARTSLAG_ERR_HTTP_UNAUTHORIZED', 'a valid partner token is required');
    return undefined;
  }
  // The id is compared as sent, byte for byte, with the token's own scopes: another vendor's id,
  // a case variant, a look-alike letter or a decoded `../` is simply not one of them.
  const id = request.params.id;
  const partner = actor.scopes.has(partnerScope(kind, id)) ? findPartner(o.partners, kind, id) : undefined;
  if (partner === undefined) {
    // A refused attempt is audited too: a token probing other partners' ids is worth knowing about.
    // The caller's id as sent: fastify's maxParamLength (100) bounds it.
    await o.store.auditRead({ name: actor.name }, 'partner.refused', `${kind}:${id}`, { action }, o.now());
    reply.header('www-authenticate', `${WWW_AUTHENTICATE}, error="insufficient_scope"`);
    await replyError(reply, 403, 'HARTSLAG_ERR_HTTP_FORBIDDEN', 'this token may not read this partner');
    return undefined;
  }
  return { partner, actor: actor.name };
}

function privateHeaders(reply: FastifyReply): void {
  // One partner's figures must never be served to another from a shared cache.
  reply.header('cache-control', 'private, no-store');
  reply.header('vary', 'authorization');
}

function sourceFailed(reply: FastifyReply, o: PartnerRouteOptions, err: unknown) {
  o.log('cannot read a partner view from Prometheus', err);
  reply.header('retry-after', '15');
  return replyError(reply, 503, 'HARTSLAG_ERR_HTTP_SOURCE_UNAVAILABLE', 'the metrics source cannot be read right now');
}

/**
 * Partner views: a vendor's or a tenant group's own calls (JSON and a page) and its weekly SLA
 * report, for holders of `read:vendor:<id>` or `read:tenant-group:<id>`; every read and every
 * refusal of a known token is in the audit log before anything is sent.
 */
export async function partnerRoutes(app: FastifyInstance, o: PartnerRouteOptions): Promise<void> {
  const params = {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string' } },
  } as const;
  const responses = { 401: errorResponse, 403: errorResponse, 503: errorResponse };
  for (const kind of PARTNER_KINDS) {
    app.get<{ Params: { id: string } }>(
      `/v1/partners/${kind}/:id`,
      {
        schema: {
          tags: ['partners'],
          summary: `One ${kind}'s own calls over the last hour: services, tenants, refused calls, overuse`,
          security: [{ bearer: [] }],
          params,
          response: responses,
        },
      },
      async (request, reply) => {
        const who = await authorise(request, reply, kind, o, 'partner.view');
        if (who === undefined) return reply;
        let view: Awaited<ReturnType<PartnerReader['read']>>;
        try {
          view = await o.reader.read(who.partner, Date.now());
        } catch (err) {
          return sourceFailed(reply, o, err);
        }
        await o.store.auditRead({ name: who.actor }, 'partner.view', `${kind}:${who.partner.id}`, null, o.now());
        privateHeaders(reply);
        return reply.type('application/json; charset=utf-8').send(view);
      },
    );

    app.get<{ Params: { id: string } }>(
      `/partners/${kind}/:id`,
      { schema: { hide: true, params } },
      async (request, reply) => {
        const who = await authorise(request, reply, kind, o, 'partner.page');
        if (who === undefined) return reply;
        let body: string;
        try {
          // ?lang= or Accept-Language; an unknown ?lang= falls back, as on the status page.
          const lang = languageOf(
            request.query as { lang?: string },
            request.headers['accept-language'],
            request.server.pageLanguage,
          );
          body = renderPartnerPage(await o.reader.read(who.partner, Date.now()), lang);
        } catch (err) {
          return sourceFailed(reply, o, err);
        }
        await o.store.auditRead({ name: who.actor }, 'partner.page', `${kind}:${who.partner.id}`, null, o.now());
        privateHeaders(reply);
        reply.header('vary', 'authorization, accept-language');
        reply.header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        );
        reply.header('x-frame-options', 'DENY');
        return reply.type('text/html; charset=utf-8').send(body);
      },
    );

    app.get<{ Params: { id: string }; Querystring: { week: string; format?: ReportFormat; lang?: string } }>(
      `/v1/partners/${kind}/:id/report`,
      {
        schema: {
          tags: ['partners'],
          summary: `One ${kind}'s SLA figures for an ISO week (HTML, CSV or JSON)`,
          security: [{ bearer: [] }],
          params,
          querystring: {
            type: 'object',
            required: ['week'],
            properties: {
              week: { type: 'string', pattern: '^\\d{4}-W\\d{2}$' },
              format: { type: 'string', enum: [...REPORT_FORMATS], default: 'html' },
              lang: { type: 'string', enum: [...LANGUAGES] },
            },
          },
          response: { 400: errorResponse, ...responses },
        },
        // The token is checked before the query string, as for writes: no token, no schema lesson.
        preValidation: async (request, reply) => {
          const who = await authorise(
            request as FastifyRequest<{ Params: { id: string } }>,
            reply,
            kind,
            o,
            'partner.report',
          );
          if (who !== undefined) (request as { partnerRead?: typeof who }).partnerRead = who;
        },
      },
      async (request, reply) => {
        const who = (request as { partnerRead?: { partner: Partner; actor: string } }).partnerRead!;
        const format = request.query.format ?? 'html';
        let report: Awaited<ReturnType<typeof partnerWeeklyReport>>;
        try {
          report = await partnerWeeklyReport(
            { partner: who.partner, week: request.query.week, timeZone: o.timeZone, slos: o.slos },
            o.prometheus,
          );
        } catch (err) {
          return sourceFailed(reply, o, err);
        }
        if (report === undefined) {
          return replyError(
            reply,
            400,
            'HARTSLAG_ERR_HTTP_BAD_REQUEST',
            'querystring/week must be an ISO week, e.g. 2026-W49',
          );
        }
        await o.store.auditRead(
          { name: who.actor },
          'partner.report',
          `${kind}:${who.partner.id}`,
          { week: request.query.week, format },
          o.now(),
        );
        privateHeaders(reply);
        const type = { html: 'text/html', csv: 'text/csv', json: 'application/json' }[format];
        if (format === 'csv') {
          reply.header(
            'content-disposition',
            `attachment; filename="sla-${who.partner.id}-${request.query.week}.${format}"`,
          );
        }
        const lang = languageOf(request.query, request.headers['accept-language'], request.server.pageLanguage);
        if (format === 'html') {
          reply.header('vary', 'authorization, accept-language');
          reply.header(
            'content-security-policy',
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
          );
        }
        return reply.type(`${type}; charset=utf-8`).send(renderWeeklyReport(report, format, lang));
      },
    );
  }
}
