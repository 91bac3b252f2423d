/**
 * The stable error codes every Airtalk API error carries, and the error body shape.
 * Clients branch on `code`; `message` is for people and may change.
 */
import { z } from 'zod';

export const errorCodes = [
  'VALIDATION_FAILED',
  'MALFORMED_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF_REJECTED',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'EMAIL_TAKEN',
  'HANDLE_TAKEN',
  'INVALID_CREDENTIALS',
  'WRONG_PASSWORD',
  'TOKEN_INVALID',
  'PHOTO_LIMIT',
  'IMAGE_TOO_MANY_PIXELS',
  'IMAGE_UNREADABLE',
  'POLICY_VERSION_OUTDATED',
  'CONSENT_REQUIRED',
  'LOCATION_REQUIRED',
  'NEARBY_HIDDEN',
  'IMPOSSIBLE_MOVE',
  'ACCOUNT_UNDER_REVIEW',
  'CONTACT_INFO_PHONE',
  'CONTACT_INFO_EMAIL',
  'CONTACT_INFO_QQ',
  'CONTACT_INFO_WECHAT',
  'CONTACT_INFO_MESSENGER',
  'CANNOT_MESSAGE',
  'ROOM_CLOSED',
  'ROOM_PASSWORD_REQUIRED',
  'ROOM_BANNED',
  'ROOM_NOT_A_MEMBER',
  'SEAT_TAKEN',
  'SEAT_LOCKED',
  'MIC_LOCKED',
  'RECALL_TOO_LATE',
  'VOICE_UNREADABLE',
  'RATE_LIMITED',
  'SERVER_BUSY',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

export type ErrorBody = z.infer<typeof ErrorBodySchema>;
