/** Reporting a person to the safety team. */
import { ReportReceiptViewSchema, type CreateReportInput, type ReportReceiptView } from '@airtalk/contracts';
import { requestJson } from '../../lib';

export function sendReport(input: CreateReportInput): Promise<ReportReceiptView> {
  return requestJson('/api/v1/reports', ReportReceiptViewSchema, { method: 'POST', body: input });
}
