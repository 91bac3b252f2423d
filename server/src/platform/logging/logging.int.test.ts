/**
 * What the logs hold after real requests: request metadata yes; passwords, tokens, cookies, full IPs never.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestLink, newAccount, startTestApp, tokenFrom, type TestApp } from '../../../test/test-app.js';
import { createLogger } from './logger.js';
import { Writable } from 'node:stream';

describe('logs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('record route, status, browser, OS, language and coarse IP, and no secret', async () => {
    const account = newAccount();
    const browser = t.browser({ ip: '192.0.2.201' });
    await browser.post('/api/v1/auth/register', account);
    const token = tokenFrom(latestLink(t.outbox, account.email, '/verify-email'));
    await browser.post('/api/v1/auth/verify-email', { token });
    await browser.post('/api/v1/auth/login', { email: account.email, password: account.password });
    await browser.post('/api/v1/auth/login', { email: account.email, password: 'wrong-password-here' });
    const sessionToken = browser.cookies.get('airtalk_session')!;
    const deviceToken = browser.cookies.get('airtalk_device')!;

    const all = t.logLines.join('\n');
    for (const secret of [account.password, 'wrong-password-here', token, sessionToken, deviceToken, '192.0.2.201']) {
      expect(all, `log must not contain ${secret}`).not.toContain(secret);
    }
    const requestLine = t.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.route === '/api/v1/auth/register' && line.coarseIp === '192.0.2.0/24');
    expect(requestLine).toMatchObject({
      msg: 'request',
      method: 'POST',
      status: 201,
      browser: 'Chrome 131',
      os: 'Android 14',
      language: 'en-GB',
    });
  });

  it('the logger censors secrets even when code logs a whole request or body', () => {
    const lines: string[] = [];
    const logger = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(chunk.toString());
          callback();
        },
      }),
    );
    logger.info({
      req: { headers: { cookie: 'airtalk_session=abc123secret', authorization: 'Bearer tok-secret' } },
      body: { password: 'hunter2-secret', token: 'link-secret', newPassword: 'new-secret' },
      password: 'top-secret',
    });
    const text = lines.join('');
    for (const secret of ['abc123secret', 'tok-secret', 'hunter2-secret', 'link-secret', 'new-secret', 'top-secret']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });
});
