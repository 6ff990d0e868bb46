import { REPORT_FORMATS, type ReportFormat, renderReport } from '@hartslag/slo';
import type { FastifyInstance } from 'fastify';
import { requireScope } from '../auth/requireScope.js';
import type { TokenRegistry } from '../auth/TokenRegistry.js';
import type { Component } from '../config/Component.js';
import { errorResponse, replyError } from '../http/errorReply.js';
import {
  type MonthlyReportSource,
  monthlyStatusReport,
  type StatusMonthlyReport,
} from '../reports/monthlyStatusReport.js';
import type { StatusStore } from '../store/StatusStore.js';

export interface ReportRouteOptions {
  components: readonly Component[];
  store: StatusStore;
  tokens: TokenRegistry;
  prometheus: MonthlyReportSource;
  timeZone: string;
  now: () => number;
  log: (message: string, err?: unknown) => void;
}

const TYPES: Record<ReportFormat, string> = { html: 'text/html', csv: 'text/csv', json: 'application/json' };

/**
 * The calendar month's SLA report (`GET /v1/reports/2026-11`), for holders of `reports:read`:
 * availability, budget used, the longest outage and outages per SLO, declared maintenance left
 * out; in HTML (printable), CSV or JSON. Month boundaries at midnight in the page's time zone.
 * Every read is in the audit log before anything is sent.
 */
export async function reportRoutes(app: FastifyInstance, o: ReportRouteOptions): Promise<void> {
  app.get<{ Params: { month: string }; Querystring: { format?: ReportFormat } }>(
    '/v1/reports/:month',
    {
      // The token before the query string: no token, no schema lesson.
      preValidation: requireScope(o.tokens, 'reports:read'),
      schema: {
        tags: ['reports'],
        summary: "A calendar month's SLA figures per SLO, declared maintenance left out (HTML, CSV or JSON)",
        security: [{ bearer: [] }],
        params: {
          type: 'object',
          required: ['month'],
          properties: { month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } },
        },
        querystring: {
          type: 'object',
          properties: { format: { type: 'string', enum: [...REPORT_FORMATS], default: 'html' } },
          additionalProperties: false,
        },
        response: { 400: errorResponse, 401: errorResponse, 403: errorResponse, 503: errorResponse },
      },
    },
    async (request, reply) => {
      const { month } = request.params;
      const format = request.query.format ?? 'html';
      let report: StatusMonthlyReport | undefined;
      try {
        report = await monthlyStatusReport(
          { month, timeZone: o.timeZone, components: o.components },
          o.prometheus,
          o.store,
        );
      } catch (err) {
        o.log('cannot make a monthly report from Prometheus', err);
        reply.header('retry-after', '15');
        return replyError(
          reply,
          503,
          'HARTSLAG_ERR_HTTP_SOURCE_UNAVAILABLE',
          'the metrics source cannot be read right now',
        );
      }
      if (report === undefined) {
        return replyError(reply, 400, 'HARTSLAG_ERR_HTTP_BAD_REQUEST', 'params/month must be a month, e.g. 2026-11');
      }
      await o.store.auditRead(
        request.actor ?? { name: 'unknown' },
        'report.month',
        `month:${month}`,
        { format },
        o.now(),
      );
      reply.header('cache-control', 'private, no-store');
      reply.header('vary', 'authorization');
      if (format === 'csv') reply.header('content-disposition', `attachment; filename="sla-${month}.csv"`);
      if (format === 'html') {
        reply.header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        );
      }
      const body = format === 'json' ? JSON.stringify(report) : renderReport(report, format);
      return reply.type(`${TYPES[format]}; charset=utf-8`).send(body);
    },
  );
}
