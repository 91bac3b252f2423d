/**
 * The consent ledger's purposes and views. Nothing is granted by default.
 */
import { z } from 'zod';

export const consentPurposes = [
  'location',
  'camera',
  'microphone',
  'marketing_email',
  'personalized_ads',
  'analytics',
] as const;
export const ConsentPurposeSchema = z.enum(consentPurposes);
export type ConsentPurpose = z.infer<typeof ConsentPurposeSchema>;

/** Purposes that unlock a sensitive device permission in the browser. */
export const sensitivePermissionPurposes = [
  'location',
  'camera',
  'microphone',
] as const satisfies readonly ConsentPurpose[];

export const ConsentViewSchema = z.object({
  purpose: ConsentPurposeSchema,
  granted: z.boolean(),
  updatedAt: z.string().nullable(),
  policyVersion: z.string().nullable(),
});
export type ConsentView = z.infer<typeof ConsentViewSchema>;

export const ConsentListViewSchema = z.object({ consents: z.array(ConsentViewSchema) });
export type ConsentListView = z.infer<typeof ConsentListViewSchema>;

export const PutConsentInputSchema = z.strictObject({
  granted: z.boolean({
    error: (issue) => (issue.input === undefined ? 'field.required' : 'field.mustBeBoolean'),
  }),
});
export type PutConsentInput = z.infer<typeof PutConsentInputSchema>;

export const ConsentParamsSchema = z.strictObject({ purpose: ConsentPurposeSchema });
