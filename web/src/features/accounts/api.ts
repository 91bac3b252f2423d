/** The accounts endpoints: sign-up, sign-in, email verification, passwords and the signed-in user. */
import {
  MeViewSchema,
  type ChangePasswordInput,
  type LoginInput,
  type MeView,
  type RegisterInput,
} from '@airtalk/contracts';
import { requestJson, requestVoid } from '../../lib';

export function register(input: RegisterInput): Promise<MeView> {
  return requestJson('/api/v1/auth/register', MeViewSchema, { method: 'POST', body: input });
}

export function login(input: LoginInput): Promise<MeView> {
  return requestJson('/api/v1/auth/login', MeViewSchema, { method: 'POST', body: input });
}

export function logout(): Promise<void> {
  return requestVoid('/api/v1/auth/logout', { method: 'POST' });
}

export function fetchMe(signal?: AbortSignal): Promise<MeView> {
  return requestJson('/api/v1/me', MeViewSchema, signal ? { signal } : {});
}

export function verifyEmail(token: string): Promise<void> {
  return requestVoid('/api/v1/auth/verify-email', { method: 'POST', body: { token } });
}

export function resendVerificationEmail(): Promise<void> {
  return requestVoid('/api/v1/auth/verify-email/resend', { method: 'POST' });
}

export function requestPasswordReset(email: string): Promise<void> {
  return requestVoid('/api/v1/auth/password-reset', { method: 'POST', body: { email } });
}

export function confirmPasswordReset(token: string, password: string): Promise<void> {
  return requestVoid('/api/v1/auth/password-reset/confirm', { method: 'POST', body: { token, password } });
}

export function changePassword(input: ChangePasswordInput): Promise<void> {
  return requestVoid('/api/v1/me/password', { method: 'POST', body: input });
}

export function acceptPolicy(version: string): Promise<MeView> {
  return requestJson('/api/v1/me/policy-acceptance', MeViewSchema, { method: 'POST', body: { version } });
}
