/**
 * Accounts through the HTTP API, on every database the product runs on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitLink, latestLink, newAccount, startTestApp, tokenFrom, type TestApp } from '../../../test/test-app.js';
import { databaseKinds } from '../../../test/services.js';

describe.each(databaseKinds)('accounts on %s', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database, nowIso: '2026-11-29T10:00:00Z' });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('registration and the adults-only rule', () => {
    it('accepts someone whose 18th birthday is today', async () => {
      const response = await t.browser().post('/api/v1/auth/register', newAccount({ birthDate: '2008-11-29' }));
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ emailVerified: false, birthDate: '2008-11-29' });
    });

    it('refuses someone whose 18th birthday is tomorrow, with a field error and nothing saved', async () => {
      const account = newAccount({ birthDate: '2008-11-30' });
      const response = await t.browser().post('/api/v1/auth/register', account);
      expect(response.statusCode).toBe(422);
      expect(response.json()).toEqual({
        error: {
          code: 'VALIDATION_FAILED',
          message: expect.any(String),
          fields: { birthDate: 'Airtalk is for adults: you must be 18 or older to join.' },
        },
      });
      const login = await t.browser().post('/api/v1/auth/login', { email: account.email, password: account.password });
      expect(login.statusCode).toBe(401);
    });

    it('counts a 29 February birthday as 1 March in a year without one', async () => {
      t.clock.set('2026-02-28T12:00:00Z');
      const early = await t.browser().post('/api/v1/auth/register', newAccount({ birthDate: '2008-02-29' }));
      expect(early.statusCode).toBe(422);
      expect(early.json().error.fields.birthDate).toMatch(/18 or older/);
      t.clock.set('2026-03-01T00:00:00Z');
      const onTime = await t.browser().post('/api/v1/auth/register', newAccount({ birthDate: '2008-02-29' }));
      expect(onTime.statusCode).toBe(201);
      t.clock.set('2026-11-29T10:00:00Z');
    });

    it('answers in Chinese when the browser asks for it', async () => {
      const response = await t
        .browser({ language: 'zh-CN,zh;q=0.9' })
        .post('/api/v1/auth/register', newAccount({ birthDate: '2010-01-01' }));
      expect(response.json().error.fields.birthDate).toBe('Airtalk 仅面向成年人：年满 18 周岁才能注册。');
    });

    it('refuses a taken email with 409, whatever its case', async () => {
      const account = newAccount();
      expect((await t.browser().post('/api/v1/auth/register', account)).statusCode).toBe(201);
      const again = await t
        .browser()
        .post('/api/v1/auth/register', { ...newAccount(), email: account.email.toUpperCase() });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('EMAIL_TAKEN');
    });

    it('refuses unknown fields', async () => {
      const response = await t.browser().post('/api/v1/auth/register', { ...newAccount(), isAdmin: true });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.fields).toEqual({ isAdmin: 'This field is not allowed here.' });
    });

    it('refuses common and guessable passwords, including ones built from the email', async () => {
      for (const password of ['password123', 'qwertyuiop', 'iloveyou1']) {
        const response = await t.browser().post('/api/v1/auth/register', newAccount({ password }));
        expect(response.statusCode, password).toBe(422);
        expect(response.json().error.fields.password).toMatch(/too common/);
      }
      const own = newAccount({ email: 'margarethe.lindqvist@example.com', password: 'margarethe.lindqvist' });
      expect((await t.browser().post('/api/v1/auth/register', own)).statusCode).toBe(422);
    });

    it('refuses a policy version that is not the current one', async () => {
      const response = await t.browser().post('/api/v1/auth/register', newAccount({ policyVersion: '2020-01-01' }));
      expect(response.statusCode).toBe(422);
      expect(response.json().error.fields.policyVersion).toMatch(/privacy policy has changed/);
    });

    it('stores the password only as an argon2id hash', async () => {
      const account = newAccount();
      await t.browser().post('/api/v1/auth/register', account);
      const row = await t.database.db
        .selectFrom('users')
        .select('password_hash')
        .where('email', '=', account.email)
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(row.password_hash).not.toContain(account.password);
    });
  });

  describe('email verification', () => {
    it('verifies with the mailed link exactly once', async () => {
      const browser = t.browser();
      const account = newAccount();
      await browser.post('/api/v1/auth/register', account);
      const token = tokenFrom(latestLink(t.outbox, account.email, '/verify-email'));
      expect((await browser.post('/api/v1/auth/verify-email', { token })).statusCode).toBe(204);
      expect((await browser.get('/api/v1/me')).json().emailVerified).toBe(true);
      const reused = await browser.post('/api/v1/auth/verify-email', { token });
      expect(reused.statusCode).toBe(400);
      expect(reused.json().error.code).toBe('TOKEN_INVALID');
    });

    it('refuses an expired link', async () => {
      const browser = t.browser();
      const account = newAccount();
      await browser.post('/api/v1/auth/register', account);
      const token = tokenFrom(latestLink(t.outbox, account.email, '/verify-email'));
      t.clock.advance(t.config.emailVerificationTtlMs + 1);
      const response = await browser.post('/api/v1/auth/verify-email', { token });
      t.clock.set('2026-11-29T10:00:00Z');
      expect(response.json().error.code).toBe('TOKEN_INVALID');
      expect((await browser.get('/api/v1/me')).json().emailVerified).toBe(false);
    });

    it('resending makes the older link stop working', async () => {
      const browser = t.browser();
      const account = newAccount();
      await browser.post('/api/v1/auth/register', account);
      const first = tokenFrom(latestLink(t.outbox, account.email, '/verify-email'));
      expect((await browser.post('/api/v1/auth/verify-email/resend')).statusCode).toBe(202);
      const second = tokenFrom(latestLink(t.outbox, account.email, '/verify-email'));
      expect(second).not.toBe(first);
      expect((await browser.post('/api/v1/auth/verify-email', { token: first })).statusCode).toBe(400);
      expect((await browser.post('/api/v1/auth/verify-email', { token: second })).statusCode).toBe(204);
    });
  });

  describe('sign-in', () => {
    it('signs in, tells about an unknown device by email, and not about a known one', async () => {
      const account = newAccount();
      await t.browser().post('/api/v1/auth/register', account);
      const phone = t.browser({ ip: '198.51.100.23' });
      const mailsBefore = t.outbox.list().length;
      const login = await phone.post('/api/v1/auth/login', { email: account.email, password: account.password });
      expect(login.statusCode).toBe(200);
      const alert = t.outbox.list()[0]!;
      expect(t.outbox.list().length).toBe(mailsBefore + 1);
      expect(alert).toMatchObject({ to: account.email, subject: 'New sign-in to your Airtalk account' });
      expect(alert.text).toContain('Chrome 131 on Android 14');
      expect(alert.text).toContain('198.51.100.0/24');
      await phone.post('/api/v1/auth/logout');
      await phone.post('/api/v1/auth/login', { email: account.email, password: account.password });
      expect(t.outbox.list().length).toBe(mailsBefore + 1);
    });

    it('gives the same 401 for a wrong password and an unknown email', async () => {
      const account = newAccount();
      await t.browser().post('/api/v1/auth/register', account);
      const wrong = await t
        .browser()
        .post('/api/v1/auth/login', { email: account.email, password: 'not-the-password' });
      const unknown = await t.browser().post('/api/v1/auth/login', { email: 'nobody@example.com', password: 'x' });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
    });

    it('logs out: the cookie stops working', async () => {
      const browser = t.browser();
      await browser.post('/api/v1/auth/register', newAccount());
      const cookieBefore = new Map(browser.cookies);
      expect((await browser.post('/api/v1/auth/logout')).statusCode).toBe(204);
      browser.cookies.clear();
      for (const [name, value] of cookieBefore) browser.cookies.set(name, value);
      expect((await browser.get('/api/v1/me')).statusCode).toBe(401);
    });
  });

  describe('passwords', () => {
    it('changing the password ends every other session and keeps this one', async () => {
      const account = newAccount();
      const laptop = t.browser();
      await laptop.post('/api/v1/auth/register', account);
      const phone = t.browser({ ip: '198.51.100.9' });
      await phone.post('/api/v1/auth/login', { email: account.email, password: account.password });
      const change = await laptop.post('/api/v1/me/password', {
        currentPassword: account.password,
        newPassword: 'lantern-quartz-meadow-44',
      });
      expect(change.statusCode).toBe(204);
      expect((await laptop.get('/api/v1/me')).statusCode).toBe(200);
      expect((await phone.get('/api/v1/me')).statusCode).toBe(401);
      const oldLogin = await t
        .browser()
        .post('/api/v1/auth/login', { email: account.email, password: account.password });
      expect(oldLogin.statusCode).toBe(401);
      const newLogin = await t
        .browser()
        .post('/api/v1/auth/login', { email: account.email, password: 'lantern-quartz-meadow-44' });
      expect(newLogin.statusCode).toBe(200);
    });

    it('refuses a change without the right current password', async () => {
      const browser = t.browser();
      await browser.post('/api/v1/auth/register', newAccount());
      const response = await browser.post('/api/v1/me/password', {
        currentPassword: 'wrong-wrong-wrong',
        newPassword: 'lantern-quartz-meadow-44',
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toMatchObject({
        code: 'WRONG_PASSWORD',
        fields: { currentPassword: expect.any(String) },
      });
    });

    it('resets by email: the link works once, and every session ends', async () => {
      const account = newAccount();
      const browser = t.browser();
      await browser.post('/api/v1/auth/register', account);
      const stranger = await t.browser().post('/api/v1/auth/password-reset', { email: 'nobody@example.com' });
      expect(stranger.statusCode).toBe(202);
      expect((await t.browser().post('/api/v1/auth/password-reset', { email: account.email })).statusCode).toBe(202);
      const token = tokenFrom(await awaitLink(t.outbox, account.email, '/reset-password'));
      const weak = await t.browser().post('/api/v1/auth/password-reset/confirm', { token, password: 'password1' });
      expect(weak.statusCode).toBe(422);
      const confirm = await t
        .browser()
        .post('/api/v1/auth/password-reset/confirm', { token, password: 'harbour-violin-copper-17' });
      expect(confirm.statusCode).toBe(204);
      expect((await browser.get('/api/v1/me')).statusCode).toBe(401);
      const reused = await t
        .browser()
        .post('/api/v1/auth/password-reset/confirm', { token, password: 'another-fine-phrase-88' });
      expect(reused.json().error.code).toBe('TOKEN_INVALID');
      const login = await t
        .browser()
        .post('/api/v1/auth/login', { email: account.email, password: 'harbour-violin-copper-17' });
      expect(login.statusCode).toBe(200);
    });
  });
});
