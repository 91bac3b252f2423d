/**
 * The privacy policy as the API serves it.
 */
import { z } from 'zod';
import { languages } from './messages.js';

export const PolicyQuerySchema = z.strictObject({ lang: z.enum(languages).optional() });

export const PolicyViewSchema = z.object({
  version: z.string(),
  language: z.enum(languages),
  title: z.string(),
  effectiveDate: z.string(),
  text: z.string(),
});
export type PolicyView = z.infer<typeof PolicyViewSchema>;
