/**
 * POST /api/v1/reports.
 */
import { CreateReportInputSchema, ReportReceiptViewSchema } from '@airtalk/contracts';
import type { ZodApp } from '../../platform/http/zod-app.js';
import { requireAuth } from '../sessions/index.js';
import type { ReportsService } from './reports.service.js';

export function registerReportRoutes(app: ZodApp, reports: ReportsService): void {
  app.post(
    '/api/v1/reports',
    { schema: { tags: ['safety'], body: CreateReportInputSchema, response: { 201: ReportReceiptViewSchema } } },
    async (request, reply) => {
      const row = await reports.report(requireAuth(request).userId, request.body);
      return reply
        .code(201)
        .send({ id: row.id, urgent: row.urgent === 1, createdAt: new Date(row.created_at).toISOString() });
    },
  );
}
