/**
 * Blocking and reporting: the requests and views of the safety features.
 */
import { z } from 'zod';

export const UserIdParamsSchema = z.strictObject({ userId: z.uuid() });

export const BlockViewSchema = z.object({
  userId: z.string(),
  nickname: z.string(),
  blockedAt: z.string(),
});
export type BlockView = z.infer<typeof BlockViewSchema>;

export const BlockListViewSchema = z.object({ blocks: z.array(BlockViewSchema) });
export type BlockListView = z.infer<typeof BlockListViewSchema>;

export const reportTargetKinds = ['user', 'profile', 'photo', 'message', 'room'] as const;
export const reportReasons = [
  'spam',
  'harassment',
  'sexual_content',
  'contact_info',
  'possible_minor',
  'fraud',
  'other',
] as const;

export const REPORT_DETAILS_MAX_LENGTH = 1000;

export const CreateReportInputSchema = z.strictObject({
  targetKind: z.enum(reportTargetKinds, { error: 'field.invalid' }),
  targetId: z
    .string({ error: 'field.required' })
    .min(1, { error: 'field.required' })
    .max(64, { error: 'field.tooLong' }),
  reason: z.enum(reportReasons, { error: 'field.invalid' }),
  details: z
    .string({ error: 'field.mustBeText' })
    .trim()
    .max(REPORT_DETAILS_MAX_LENGTH, { error: 'field.tooLong' })
    .optional(),
});
export type CreateReportInput = z.infer<typeof CreateReportInputSchema>;

export const ReportReceiptViewSchema = z.object({
  id: z.string(),
  urgent: z.boolean(),
  createdAt: z.string(),
});
export type ReportReceiptView = z.infer<typeof ReportReceiptViewSchema>;
