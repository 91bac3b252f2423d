/**
 * Account use cases: register, sign in, verify email, reset and change the password, accept a
 * new privacy policy. Every limit that guards them against brute force lives here too.
 */
import { randomUUID } from 'node:crypto';
import {
  checkBirthDate,
  normalizeEmail,
  utcCalendarDate,
  type ChangePasswordInput,
  type Language,
  type LoginInput,
  type PasswordResetConfirmInput,
  type RegisterInput,
} from '@airtalk/contracts';
import type { Logger } from 'pino';
import type { RateLimits } from '../../config/config.js';
import type { Clock } from '../../platform/clock.js';
import type { EmailTokenRow, UserRow } from '../../platform/db/schema.js';
import { AppError, notFound, validationFailed } from '../../platform/http/errors.js';
import type { RequestMeta } from '../../platform/logging/request-meta.js';
import type { Mailer, MailMessage } from '../../platform/mail/mailer.js';
import type { PasswordHasher } from '../../platform/security/password-hasher.js';
import {
  accountLimitKey,
  ipLimitKey,
  type Limiter,
  type LimiterFactory,
} from '../../platform/security/rate-limiter.js';
import { createToken, hashToken, isWellFormedToken } from '../../platform/security/tokens.js';
import type { PolicyService } from '../policy/index.js';
import type { AuthContext, SessionsService } from '../sessions/index.js';
import { newDeviceMail, passwordChangedMail, passwordResetMail, verificationMail } from './accounts.mail.js';
import { EmailTakenError, type AccountsStore } from './accounts.store.js';
import { isGuessablePassword } from './password-strength.js';

/** What the service needs to know about the request behind a use case. */
export interface RequestContext {
  ip: string;
  meta: RequestMeta;
  language: Language;
  /** Hash of the browser's device cookie. */
  deviceHash: string;
}

export interface SignedIn {
  user: UserRow;
  sessionToken: string;
  auth: AuthContext;
}

export const emailTaken = () =>
  new AppError('EMAIL_TAKEN', 409, 'An account with this email already exists.', { email: 'email.taken' });
export const invalidCredentials = () =>
  new AppError('INVALID_CREDENTIALS', 401, 'The email or password is not correct.');
export const tokenInvalid = () =>
  new AppError('TOKEN_INVALID', 400, 'This link is invalid, already used or expired.', { token: 'token.invalid' });
export const wrongPassword = () =>
  new AppError('WRONG_PASSWORD', 422, 'Your current password is not correct.', { currentPassword: 'password.wrong' });

export interface AccountsServiceDeps {
  store: AccountsStore;
  sessions: SessionsService;
  policy: PolicyService;
  hasher: PasswordHasher;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
  limiterFactory: LimiterFactory;
  rateLimits: RateLimits;
  publicUrl: string;
  emailVerificationTtlMs: number;
  passwordResetTtlMs: number;
}

export class AccountsService {
  private readonly limits: Record<
    | 'loginPerIp'
    | 'loginFailuresPerAccount'
    | 'registerPerIp'
    | 'resetPerIp'
    | 'resetPerAccount'
    | 'verifyResendPerAccount'
    | 'passwordChecksPerAccount',
    Limiter
  >;

  constructor(private readonly deps: AccountsServiceDeps) {
    const { limiterFactory, rateLimits } = deps;
    this.limits = {
      loginPerIp: limiterFactory('login-ip', rateLimits.loginPerIp),
      loginFailuresPerAccount: limiterFactory('login-fail', rateLimits.loginFailuresPerAccount),
      registerPerIp: limiterFactory('register-ip', rateLimits.registerPerIp),
      resetPerIp: limiterFactory('reset-ip', rateLimits.resetPerIp),
      resetPerAccount: limiterFactory('reset-account', rateLimits.resetPerAccount),
      verifyResendPerAccount: limiterFactory('verify-resend', rateLimits.verifyResendPerAccount),
      passwordChecksPerAccount: limiterFactory('password-check', rateLimits.passwordChecksPerAccount),
    };
  }

  async register(input: RegisterInput, context: RequestContext): Promise<SignedIn> {
    await this.limits.registerPerIp.consume(ipLimitKey(context.ip));
    const email = normalizeEmail(input.email);
    const fields: Record<string, string> = {};
    const birthProblem = checkBirthDate(input.birthDate, utcCalendarDate(new Date(this.deps.clock.nowMs())));
    if (birthProblem) fields.birthDate = birthProblem;
    if (!this.deps.policy.isCurrent(input.policyVersion)) fields.policyVersion = 'policyVersion.outdated';
    if (isGuessablePassword(input.password, [email, input.nickname])) fields.password = 'password.tooWeak';
    if (Object.keys(fields).length > 0) throw validationFailed(fields);
    if (await this.deps.store.findByEmail(email)) throw emailTaken();

    const nowMs = this.deps.clock.nowMs();
    const user: UserRow = {
      id: randomUUID(),
      email,
      email_verified_at: null,
      password_hash: await this.deps.hasher.hash(input.password),
      nickname: input.nickname,
      birth_date: input.birthDate,
      policy_version: input.policyVersion,
      language: context.language,
      created_at: nowMs,
      updated_at: nowMs,
    };
    try {
      await this.deps.store.insertUser(user);
    } catch (error) {
      if (error instanceof EmailTakenError) throw emailTaken();
      throw error;
    }
    await this.sendVerification(user);
    await this.deps.sessions.rememberDevice(user.id, context.deviceHash);
    return this.startSession(user, context);
  }

  async login(input: LoginInput, context: RequestContext): Promise<SignedIn> {
    const email = normalizeEmail(input.email);
    await this.limits.loginPerIp.consume(ipLimitKey(context.ip));
    // Counted before the password is checked, so parallel guesses cannot all slip past the limit;
    // a successful sign-in clears the count.
    const accountKey = accountLimitKey(email);
    await this.limits.loginFailuresPerAccount.consume(accountKey);
    const user = await this.deps.store.findByEmail(email);
    const valid = user
      ? await this.deps.hasher.verify(user.password_hash, input.password)
      : await this.deps.hasher.verifyDecoy(input.password);
    if (!user || !valid) throw invalidCredentials();
    await this.limits.loginFailuresPerAccount.reset(accountKey);
    if (!(await this.deps.sessions.isKnownDevice(user.id, context.deviceHash))) {
      await this.sendMail(
        newDeviceMail(user.email, context.meta, this.link('/settings/security'), this.languageOf(user)),
      );
      await this.deps.sessions.rememberDevice(user.id, context.deviceHash);
    }
    return this.startSession(user, context);
  }

  /** Several users for a list, by id; unknown ids are left out. */
  async getUsers(userIds: readonly string[]): Promise<Map<string, UserRow>> {
    const users = await this.deps.store.findByIds(userIds);
    return new Map(users.map((user) => [user.id, user]));
  }

  async getUser(userId: string): Promise<UserRow> {
    const user = await this.deps.store.findById(userId);
    if (!user) throw notFound('This account');
    return user;
  }

  /** Whether an account exists; other features ask this rather than reading the users table. */
  async exists(userId: string): Promise<boolean> {
    return (await this.deps.store.findById(userId)) !== undefined;
  }

  async verifyEmail(token: string): Promise<void> {
    const used = await this.consumeToken(token, 'verify_email');
    // A link sent to an address the account no longer has proves nothing about the current one.
    if (!(await this.deps.store.markEmailVerified(used.user_id, used.email, this.deps.clock.nowMs())))
      throw tokenInvalid();
  }

  async resendVerification(userId: string): Promise<void> {
    await this.limits.verifyResendPerAccount.consume(userId);
    const user = await this.getUser(userId);
    if (user.email_verified_at !== null) return;
    await this.sendVerification(user);
  }

  /** Always quiet about whether the account exists; the mail goes only to its owner. */
  async requestPasswordReset(emailInput: string, context: RequestContext): Promise<void> {
    const email = normalizeEmail(emailInput);
    await this.limits.resetPerIp.consume(ipLimitKey(context.ip));
    await this.limits.resetPerAccount.consume(accountLimitKey(email));
    const user = await this.deps.store.findByEmail(email);
    if (!user) return;
    // The answer must not wait for the token and the mail, or its timing would tell that the account exists.
    void this.sendPasswordReset(user).catch((error: unknown) => {
      this.deps.logger.error({ err: error }, 'password reset could not be issued');
    });
  }

  private async sendPasswordReset(user: UserRow): Promise<void> {
    const token = await this.issueToken(user, 'password_reset', this.deps.passwordResetTtlMs);
    await this.sendMail(
      passwordResetMail(user.email, this.link(`/reset-password?token=${token}`), this.languageOf(user)),
    );
  }

  /** Sets the new password and ends every session: whoever had the old one is out. */
  async confirmPasswordReset(input: PasswordResetConfirmInput): Promise<void> {
    if (!isWellFormedToken(input.token)) throw tokenInvalid();
    // A weak password is refused before the link is used up, so the user can try another.
    const pending = await this.deps.store.findUsableEmailToken(
      hashToken(input.token),
      'password_reset',
      this.deps.clock.nowMs(),
    );
    if (!pending) throw tokenInvalid();
    const owner = await this.getUser(pending.user_id);
    if (isGuessablePassword(input.password, [owner.email, owner.nickname])) {
      throw validationFailed({ password: 'password.tooWeak' });
    }
    // Hashing may be refused when the server is busy; the link is used up only once it can succeed.
    const passwordHash = await this.deps.hasher.hash(input.password);
    await this.consumeToken(input.token, 'password_reset');
    await this.deps.store.updatePasswordHash(owner.id, passwordHash, this.deps.clock.nowMs());
    await this.deps.sessions.revokeAll(owner.id);
    await this.sendMail(passwordChangedMail(owner.email, this.link('/forgot-password'), this.languageOf(owner)));
  }

  /** Changes the password after checking the current one, and ends every other session. */
  async changePassword(auth: AuthContext, input: ChangePasswordInput): Promise<void> {
    const user = await this.getUser(auth.userId);
    // Someone holding a stolen session must not be able to guess the password behind it.
    await this.limits.passwordChecksPerAccount.consume(user.id);
    if (!(await this.deps.hasher.verify(user.password_hash, input.currentPassword))) throw wrongPassword();
    await this.limits.passwordChecksPerAccount.reset(user.id);
    if (isGuessablePassword(input.newPassword, [user.email, user.nickname])) {
      throw validationFailed({ newPassword: 'password.tooWeak' });
    }
    await this.deps.store.updatePasswordHash(
      user.id,
      await this.deps.hasher.hash(input.newPassword),
      this.deps.clock.nowMs(),
    );
    await this.deps.sessions.revokeAll(user.id, auth.sessionId);
    await this.sendMail(passwordChangedMail(user.email, this.link('/forgot-password'), this.languageOf(user)));
  }

  /** The nickname is the account's; profiles change it through here. Checks are the caller's. */
  async changeNickname(userId: string, nickname: string): Promise<void> {
    await this.deps.store.updateNickname(userId, nickname, this.deps.clock.nowMs());
  }

  async acceptPolicy(userId: string, version: string): Promise<UserRow> {
    if (!this.deps.policy.isCurrent(version)) throw validationFailed({ version: 'policyVersion.outdated' });
    await this.deps.store.acceptPolicy(userId, version, this.deps.clock.nowMs());
    return this.getUser(userId);
  }

  private async startSession(user: UserRow, context: RequestContext): Promise<SignedIn> {
    const { token, session } = await this.deps.sessions.open(user.id, context.meta, context.deviceHash);
    return { user, sessionToken: token, auth: { userId: user.id, sessionId: session.id } };
  }

  private async sendVerification(user: UserRow): Promise<void> {
    const token = await this.issueToken(user, 'verify_email', this.deps.emailVerificationTtlMs);
    const link = this.link(`/verify-email?token=${token}`);
    await this.sendMail(verificationMail(user.email, user.nickname, link, this.languageOf(user)));
  }

  private async issueToken(user: UserRow, purpose: EmailTokenRow['purpose'], ttlMs: number): Promise<string> {
    const nowMs = this.deps.clock.nowMs();
    await this.deps.store.retireEmailTokens(user.id, purpose, nowMs);
    const token = createToken();
    await this.deps.store.insertEmailToken({
      id: randomUUID(),
      user_id: user.id,
      purpose,
      token_hash: hashToken(token),
      email: user.email,
      created_at: nowMs,
      expires_at: nowMs + ttlMs,
      used_at: null,
    });
    return token;
  }

  private async consumeToken(token: string, purpose: EmailTokenRow['purpose']) {
    if (!isWellFormedToken(token)) throw tokenInvalid();
    const used = await this.deps.store.consumeEmailToken(hashToken(token), purpose, this.deps.clock.nowMs());
    if (!used) throw tokenInvalid();
    return used;
  }

  /** Mail failure must not undo what the user already did; it is logged for the operator. */
  private async sendMail(message: MailMessage): Promise<void> {
    try {
      await this.deps.mailer.send(message);
    } catch (error) {
      this.deps.logger.error({ err: error, subject: message.subject }, 'mail could not be sent');
    }
  }

  private link(pathAndQuery: string): string {
    return `${this.deps.publicUrl}${pathAndQuery}`;
  }

  private languageOf(user: UserRow): Language {
    return user.language === 'zh' ? 'zh' : 'en';
  }
}
