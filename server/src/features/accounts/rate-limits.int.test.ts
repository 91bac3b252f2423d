/**
 * Brute-force limits on sign-in, registration and reset: 429 with Retry-After, per account and
 * per IP, counted in memory on one node and in Redis across nodes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRateLimits } from '../../config/config.js';
import { newAccount, startTestApp, type TestApp } from '../../../test/test-app.js';
import { busKinds } from '../../../test/services.js';

const limits = {
  ...defaultRateLimits,
  loginPerIp: { points: 6, durationSeconds: 900 },
  loginFailuresPerAccount: { points: 3, durationSeconds: 900 },
  registerPerIp: { points: 3, durationSeconds: 3600 },
  resetPerIp: { points: 10, durationSeconds: 3600 },
  resetPerAccount: { points: 2, durationSeconds: 3600 },
  passwordChecksPerAccount: { points: 10, durationSeconds: 900 },
};

describe.each(busKinds)('rate limits counted in %s', (bus) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ bus, config: { rateLimits: limits } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('limits failed sign-ins per account, even from many addresses, and the owner waits it out', async () => {
    const account = newAccount();
    await t.browser().post('/api/v1/auth/register', account);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await t
        .browser()
        .post('/api/v1/auth/login', { email: account.email, password: `guess-${attempt}` });
      expect(response.statusCode).toBe(401);
    }
    const blocked = await t.browser().post('/api/v1/auth/login', { email: account.email, password: account.password });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
  });

  it('parallel guesses cannot get past the per-account limit', async () => {
    const account = newAccount();
    await t.browser().post('/api/v1/auth/register', account);
    const attempts = Array.from({ length: 11 }, (_, i) => `wrong-guess-${i}`).concat(account.password);
    const responses = await Promise.all(
      attempts.map((password) => t.browser().post('/api/v1/auth/login', { email: account.email, password })),
    );
    const checked = responses.filter((response) => response.statusCode !== 429);
    expect(checked.length).toBeLessThanOrEqual(3);
  });

  it('limits guesses of the current password by whoever holds a session', async () => {
    const browser = t.browser();
    await browser.post('/api/v1/auth/register', newAccount());
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt += 1) {
      const response = await browser.post('/api/v1/me/password', {
        currentPassword: `guess-${attempt}`,
        newPassword: 'lantern-quartz-meadow-44',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 10).every((status) => status === 422)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('counts an IPv6 network as one address', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const browser = t.browser({ ip: `2001:db8:77:1::${(attempt + 1).toString(16)}` });
      statuses.push((await browser.post('/api/v1/auth/register', newAccount())).statusCode);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
  });

  it('limits sign-in attempts per IP across accounts', async () => {
    const attacker = t.browser({ ip: '192.0.2.66' });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      const response = await attacker.post('/api/v1/auth/login', {
        email: `victim${attempt}@example.com`,
        password: 'x',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
  });

  it('limits registrations per IP', async () => {
    const farm = t.browser({ ip: '192.0.2.77' });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      statuses.push((await farm.post('/api/v1/auth/register', newAccount())).statusCode);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect(Number((await farm.post('/api/v1/auth/register', newAccount())).headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits password reset requests per account', async () => {
    const account = newAccount();
    await t.browser().post('/api/v1/auth/register', account);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push((await t.browser().post('/api/v1/auth/password-reset', { email: account.email })).statusCode);
    }
    expect(statuses).toEqual([202, 202, 429]);
  });
});

describe('password hashing under a login flood', () => {
  it('answers 503 with Retry-After instead of queueing without bound', async () => {
    const t = await startTestApp({
      config: {
        passwordHashConcurrency: 1,
        passwordHashQueueLimit: 2,
        rateLimits: {
          ...limits,
          loginPerIp: { points: 1000, durationSeconds: 60 },
          loginFailuresPerAccount: { points: 1000, durationSeconds: 60 },
        },
      },
    });
    try {
      const flood = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          t.browser().post('/api/v1/auth/login', { email: `x${i}@example.com`, password: 'whatever' }),
        ),
      );
      const statuses = flood.map((response) => response.statusCode);
      expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(3);
      const busy = flood.filter((response) => response.statusCode === 503);
      expect(busy.length).toBeGreaterThan(0);
      expect(busy[0]!.json().error.code).toBe('SERVER_BUSY');
      expect(busy[0]!.headers['retry-after']).toBe('1');
    } finally {
      await t.close();
    }
  });
});
