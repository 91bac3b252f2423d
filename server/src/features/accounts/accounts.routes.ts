/**
 * HTTP routes for accounts: parse with the contract, call the service, answer with the presenter.
 */
import {
  AcceptPolicyInputSchema,
  ChangePasswordInputSchema,
  LoginInputSchema,
  MeViewSchema,
  PasswordResetConfirmInputSchema,
  PasswordResetRequestInputSchema,
  pickLanguage,
  RegisterInputSchema,
  VerifyEmailInputSchema,
} from '@airtalk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodApp } from '../../platform/http/zod-app.js';
import { describeRequest } from '../../platform/logging/request-meta.js';
import type { PolicyService } from '../policy/index.js';
import {
  clearSessionCookie,
  ensureDeviceCookie,
  requireAuth,
  setSessionCookie,
  type CookieSettings,
  type SessionsService,
} from '../sessions/index.js';
import { presentMe } from './accounts.presenter.js';
import type { AccountsService, RequestContext } from './accounts.service.js';

export interface AccountRoutesDeps {
  accounts: AccountsService;
  sessions: SessionsService;
  policy: PolicyService;
  cookies: CookieSettings;
}

function requestContext(request: FastifyRequest, reply: FastifyReply, production: boolean): RequestContext {
  const { headers } = request;
  return {
    ip: request.ip,
    meta: describeRequest(headers['user-agent'], headers['accept-language'], request.ip),
    language: pickLanguage(headers['accept-language']),
    deviceHash: ensureDeviceCookie(request, reply, production),
  };
}

export function registerAccountRoutes(app: ZodApp, deps: AccountRoutesDeps): void {
  const { accounts, sessions, policy, cookies } = deps;
  const me = { 200: MeViewSchema, 201: MeViewSchema };

  app.post(
    '/api/v1/auth/register',
    { schema: { tags: ['auth'], body: RegisterInputSchema, response: me } },
    async (request, reply) => {
      const signedIn = await accounts.register(request.body, requestContext(request, reply, cookies.production));
      setSessionCookie(reply, signedIn.sessionToken, cookies);
      return reply.code(201).send(presentMe(signedIn.user, policy.currentVersion));
    },
  );

  app.post(
    '/api/v1/auth/login',
    { schema: { tags: ['auth'], body: LoginInputSchema, response: me } },
    async (request, reply) => {
      const signedIn = await accounts.login(request.body, requestContext(request, reply, cookies.production));
      setSessionCookie(reply, signedIn.sessionToken, cookies);
      return presentMe(signedIn.user, policy.currentVersion);
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
    if (request.auth) await sessions.revoke(request.auth, request.auth.sessionId);
    clearSessionCookie(reply, cookies.production);
    return reply.code(204).send();
  });

  app.post(
    '/api/v1/auth/verify-email',
    { schema: { tags: ['auth'], body: VerifyEmailInputSchema } },
    async (request, reply) => {
      await accounts.verifyEmail(request.body.token);
      return reply.code(204).send();
    },
  );

  app.post('/api/v1/auth/verify-email/resend', { schema: { tags: ['auth'] } }, async (request, reply) => {
    await accounts.resendVerification(requireAuth(request).userId);
    return reply.code(202).send();
  });

  app.post(
    '/api/v1/auth/password-reset',
    { schema: { tags: ['auth'], body: PasswordResetRequestInputSchema } },
    async (request, reply) => {
      await accounts.requestPasswordReset(request.body.email, requestContext(request, reply, cookies.production));
      return reply.code(202).send();
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    { schema: { tags: ['auth'], body: PasswordResetConfirmInputSchema } },
    async (request, reply) => {
      await accounts.confirmPasswordReset(request.body);
      clearSessionCookie(reply, cookies.production);
      return reply.code(204).send();
    },
  );

  app.get('/api/v1/me', { schema: { tags: ['me'], response: { 200: MeViewSchema } } }, async (request) => {
    const auth = requireAuth(request);
    return presentMe(await accounts.getUser(auth.userId), policy.currentVersion);
  });

  app.post(
    '/api/v1/me/password',
    { schema: { tags: ['me'], body: ChangePasswordInputSchema } },
    async (request, reply) => {
      await accounts.changePassword(requireAuth(request), request.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/me/policy-acceptance',
    { schema: { tags: ['me'], body: AcceptPolicyInputSchema, response: { 200: MeViewSchema } } },
    async (request) => {
      const user = await accounts.acceptPolicy(requireAuth(request).userId, request.body.version);
      return presentMe(user, policy.currentVersion);
    },
  );
}
