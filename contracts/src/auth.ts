/**
 * Accounts and sessions: request bodies and the views the server sends back.
 */
import { z } from 'zod';

/** Missing and mistyped values get different words: "required" versus "must be text". */
const textError = {
  error: (issue: { input: unknown }) => (issue.input === undefined ? 'field.required' : 'field.mustBeText'),
};

export const EMAIL_MAX_LENGTH = 254;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const NICKNAME_MAX_LENGTH = 30;

/** Emails are compared and stored trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const EmailSchema = z
  .string({ error: 'field.mustBeText' })
  .max(EMAIL_MAX_LENGTH, { error: 'field.tooLong' })
  .pipe(z.email({ error: 'email.invalid' }));

export const NewPasswordSchema = z
  .string({ error: 'field.mustBeText' })
  .min(PASSWORD_MIN_LENGTH, { error: 'password.tooShort' })
  .max(PASSWORD_MAX_LENGTH, { error: 'password.tooLong' });

// Control and invisible formatting characters let a nickname impersonate or hide; letters of every script are welcome.
const NICKNAME_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

export const NicknameSchema = z
  .string({ error: 'field.mustBeText' })
  .trim()
  .min(1, { error: 'nickname.length' })
  .max(NICKNAME_MAX_LENGTH, { error: 'nickname.length' })
  .refine((value) => !NICKNAME_FORBIDDEN.test(value), { error: 'nickname.invalid' });

export const BirthDateSchema = z
  .string({ error: 'field.mustBeText' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'birthDate.invalid' });

const TokenSchema = z
  .string({ error: 'field.mustBeText' })
  .min(1, { error: 'token.invalid' })
  .max(200, { error: 'token.invalid' });

export const RegisterInputSchema = z.strictObject({
  email: EmailSchema,
  password: NewPasswordSchema,
  nickname: NicknameSchema,
  birthDate: BirthDateSchema,
  policyVersion: z.string(textError).min(1).max(64),
});
export type RegisterInput = z.infer<typeof RegisterInputSchema>;

export const LoginInputSchema = z.strictObject({
  email: z.string(textError).min(1, { error: 'field.required' }).max(EMAIL_MAX_LENGTH),
  password: z.string(textError).min(1, { error: 'field.required' }).max(PASSWORD_MAX_LENGTH),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

export const VerifyEmailInputSchema = z.strictObject({ token: TokenSchema });
export type VerifyEmailInput = z.infer<typeof VerifyEmailInputSchema>;

export const PasswordResetRequestInputSchema = z.strictObject({ email: EmailSchema });
export type PasswordResetRequestInput = z.infer<typeof PasswordResetRequestInputSchema>;

export const PasswordResetConfirmInputSchema = z.strictObject({ token: TokenSchema, password: NewPasswordSchema });
export type PasswordResetConfirmInput = z.infer<typeof PasswordResetConfirmInputSchema>;

export const ChangePasswordInputSchema = z.strictObject({
  currentPassword: z.string({ error: 'field.mustBeText' }).min(1, { error: 'field.required' }).max(PASSWORD_MAX_LENGTH),
  newPassword: NewPasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInputSchema>;

export const AcceptPolicyInputSchema = z.strictObject({ version: z.string().min(1).max(64) });
export type AcceptPolicyInput = z.infer<typeof AcceptPolicyInputSchema>;

export const MeViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  nickname: z.string(),
  birthDate: z.string(),
  createdAt: z.string(),
  policy: z.object({
    acceptedVersion: z.string(),
    currentVersion: z.string(),
    mustAccept: z.boolean(),
  }),
});
export type MeView = z.infer<typeof MeViewSchema>;

export const SessionViewSchema = z.object({
  id: z.string(),
  current: z.boolean(),
  browser: z.string().nullable(),
  os: z.string().nullable(),
  language: z.string().nullable(),
  coarseIp: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

export const SessionListViewSchema = z.object({ sessions: z.array(SessionViewSchema) });
export type SessionListView = z.infer<typeof SessionListViewSchema>;

export const SessionIdParamsSchema = z.strictObject({ id: z.uuid() });
