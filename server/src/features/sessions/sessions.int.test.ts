/**
 * Sessions through the HTTP API: seeing them, ending one or all, and what a token is stored as.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, startTestApp, type TestApp } from '../../../test/test-app.js';
import { databaseKinds } from '../../../test/services.js';
import { hashToken } from '../../platform/security/tokens.js';

describe.each(databaseKinds)('sessions on %s', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(async () => {
    await t.close();
  });

  async function twoDevices() {
    const account = newAccount();
    const laptop = t.browser({
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
      language: 'zh-CN,zh;q=0.9',
      ip: '2001:db8:abcd:12::7',
    });
    await laptop.post('/api/v1/auth/register', account);
    const phone = t.browser({ ip: '203.0.113.77' });
    await phone.post('/api/v1/auth/login', { email: account.email, password: account.password });
    return { account, laptop, phone };
  }

  it('lists my sessions with browser, OS, language, coarse IP and last seen, and marks this one', async () => {
    const { laptop } = await twoDevices();
    const response = await laptop.get('/api/v1/me/sessions');
    expect(response.statusCode).toBe(200);
    const { sessions } = response.json();
    expect(sessions).toHaveLength(2);
    const current = sessions.find((session: { current: boolean }) => session.current);
    expect(current).toMatchObject({
      browser: 'Safari 17',
      os: 'Mac OS 10.15.7',
      language: 'zh-CN',
      coarseIp: '2001:db8:abcd::/48',
      lastSeenAt: expect.any(String),
    });
    const other = sessions.find((session: { current: boolean }) => !session.current);
    expect(other).toMatchObject({ browser: 'Chrome 131', os: 'Android 14', coarseIp: '203.0.113.0/24' });
    expect(JSON.stringify(sessions)).not.toMatch(/token|hash|203\.0\.113\.77/);
  });

  it('a revoked session loses access at once', async () => {
    const { laptop, phone } = await twoDevices();
    const { sessions } = (await laptop.get('/api/v1/me/sessions')).json();
    const phoneSession = sessions.find((session: { current: boolean }) => !session.current);
    expect((await phone.get('/api/v1/me')).statusCode).toBe(200);
    expect((await laptop.delete(`/api/v1/me/sessions/${phoneSession.id}`)).statusCode).toBe(204);
    expect((await phone.get('/api/v1/me')).statusCode).toBe(401);
    expect((await laptop.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('nobody can end, or learn about, another user’s session', async () => {
    const first = await twoDevices();
    const second = await twoDevices();
    const { sessions } = (await first.laptop.get('/api/v1/me/sessions')).json();
    const response = await second.laptop.delete(`/api/v1/me/sessions/${sessions[0].id}`);
    expect(response.statusCode).toBe(404);
    expect((await first.laptop.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('logs out everywhere', async () => {
    const { laptop, phone } = await twoDevices();
    expect((await laptop.delete('/api/v1/me/sessions')).statusCode).toBe(204);
    expect((await laptop.get('/api/v1/me')).statusCode).toBe(401);
    expect((await phone.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('stores only the hash of the session token', async () => {
    const browser = t.browser();
    await browser.post('/api/v1/auth/register', newAccount());
    const token = browser.cookies.get('airtalk_session')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await t.database.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.some((row) => row.token_hash === token)).toBe(false);
    expect(rows.some((row) => row.token_hash === hashToken(token))).toBe(true);
  });

  it('a session idle past its lifetime stops working', async () => {
    const browser = t.browser();
    await browser.post('/api/v1/auth/register', newAccount());
    t.clock.advance(t.config.sessionIdleTtlMs + 1000);
    const response = await browser.get('/api/v1/me');
    t.clock.set('2026-11-29T10:00:00Z');
    expect(response.statusCode).toBe(401);
  });

  it('a malformed or unknown session cookie is simply not signed in', async () => {
    for (const value of ['', 'x', 'a'.repeat(43), '%00%ff', 'a'.repeat(5000)]) {
      const response = await t.browser().get('/api/v1/me', { cookie: `airtalk_session=${value}` });
      expect(response.statusCode, value.slice(0, 10)).toBe(401);
    }
  });
});
