/**
 * The HTTP plumbing every feature stands on: CSRF, cookie flags, the error contract under
 * malformed input, OpenAPI, health and metrics.
 */
import type { InjectOptions } from 'fastify';
import { defaultRateLimits, type RateLimits } from '../../config/config.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, startTestApp, type TestApp } from '../../../test/test-app.js';

describe('CSRF', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_URL: 'https://airtalk.example' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a cookie-carrying request from another site', async () => {
    const browser = t.browser();
    await browser.post('/api/v1/auth/register', newAccount());
    const attack = await browser.put(
      '/api/v1/me/consents/location',
      { granted: true },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(attack.statusCode).toBe(403);
    expect(attack.json().error.code).toBe('CSRF_REJECTED');
    const { consents } = (await browser.get('/api/v1/me/consents')).json();
    expect(consents[0].granted).toBe(false);
  });

  it('refuses a cross-site request that carries only an Origin, or only Sec-Fetch-Site', async () => {
    const browser = t.browser();
    await browser.post('/api/v1/auth/register', newAccount());
    expect((await browser.post('/api/v1/auth/logout', {}, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await browser.post('/api/v1/auth/logout', {}, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await browser.post('/api/v1/auth/logout', {}, { origin: 'null' })).statusCode).toBe(403);
    expect((await browser.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('accepts the same origin, the public URL, and clients that are not browsers', async () => {
    const sameSite = t.browser({ origin: 'https://airtalk.example' });
    expect((await sameSite.post('/api/v1/auth/register', newAccount())).statusCode).toBe(201);
    const byHost = t.browser();
    const response = await byHost.post('/api/v1/auth/register', newAccount(), {
      origin: 'http://10.0.0.5:8080',
      host: '10.0.0.5:8080',
    });
    expect(response.statusCode).toBe(201);
    expect((await t.browser().post('/api/v1/auth/register', newAccount())).statusCode).toBe(201);
  });

  it('refuses a cross-site login, so nobody is signed in to an attacker’s account', async () => {
    const account = newAccount();
    await t.browser().post('/api/v1/auth/register', account);
    const response = await t
      .browser()
      .post(
        '/api/v1/auth/login',
        { email: account.email, password: account.password },
        { origin: 'https://evil.example' },
      );
    expect(response.statusCode).toBe(403);
  });
});

describe('cookies', () => {
  it('in production: __Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain', async () => {
    const t = await startTestApp({
      env: { NODE_ENV: 'production', PUBLIC_URL: 'https://airtalk.example', SMTP_URL: 'smtp://127.0.0.1:2525' },
    });
    try {
      const response = await t.browser().post('/api/v1/auth/register', newAccount());
      expect(response.statusCode).toBe(201);
      const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
      const session = cookies.find((cookie) => cookie.startsWith('__Host-airtalk_session='));
      expect(session).toBeDefined();
      expect(session).toMatch(/; Secure/);
      expect(session).toMatch(/; HttpOnly/);
      expect(session).toMatch(/; SameSite=Lax/);
      expect(session).toMatch(/; Path=\//);
      expect(session).not.toMatch(/Domain=/i);
      expect(cookies.find((cookie) => cookie.startsWith('__Host-airtalk_device='))).toMatch(/; Secure/);
      expect(response.headers['strict-transport-security']).toBeDefined();
      expect((await t.browser().get('/dev/mail.json')).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('in development: HttpOnly and SameSite=Lax without Secure, so http://localhost works', async () => {
    const t = await startTestApp();
    try {
      const response = await t.browser().post('/api/v1/auth/register', newAccount());
      const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
      const session = cookies.find((cookie) => cookie.startsWith('airtalk_session='));
      expect(session).toMatch(/; HttpOnly/);
      expect(session).toMatch(/; SameSite=Lax/);
      expect(session).not.toMatch(/; Secure/);
    } finally {
      await t.close();
    }
  });
});

describe('bad input of any kind', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { rateLimits: generousLimits() } });
  });
  afterAll(async () => {
    await t.close();
  });

  const routes: [InjectOptions['method'], string][] = [
    ['POST', '/api/v1/auth/register'],
    ['POST', '/api/v1/auth/login'],
    ['POST', '/api/v1/auth/verify-email'],
    ['POST', '/api/v1/auth/password-reset'],
    ['POST', '/api/v1/auth/password-reset/confirm'],
    ['POST', '/api/v1/me/password'],
    ['POST', '/api/v1/me/policy-acceptance'],
    ['PUT', '/api/v1/me/consents/location'],
    ['DELETE', '/api/v1/me/sessions/abc'],
    ['GET', '/api/v1/policy?lang=xx'],
  ];

  it('never answers 5xx, and always with the error contract', async () => {
    const browser = t.browser();
    await browser.post('/api/v1/auth/register', newAccount());
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.jsonValue().map((value) => JSON.stringify(value)),
          fc.constant('{"email":'),
        ),
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/json; charset=latin1',
        ),
        async ([method, url], payload, contentType) => {
          const response = await browser.request(method, url, payload, { 'content-type': contentType });
          expect(response.statusCode).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(response.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses NUL characters anywhere, on every database, without a 500', async () => {
    const login = await t.browser().post('/api/v1/auth/login', { email: 'a\u0000@example.com', password: 'x' });
    expect(login.statusCode).toBe(422);
    expect(login.json().error.fields).toEqual({ email: 'This value is not valid.' });
    const browser = t.browser();
    await browser.post('/api/v1/auth/register', newAccount());
    expect((await browser.delete('/api/v1/me/sessions/%00')).statusCode).toBe(404);
  });

  it('answers malformed URLs and prototype-named fields with the error contract', async () => {
    const badUrl = await t.browser().get('/api/v1/me/sessions/%E0%A4%A');
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().error.code).toBe('MALFORMED_REQUEST');
    const proto = await t
      .browser()
      .post('/api/v1/auth/login', { email: 'a@example.com', password: 'x', constructor: 1 });
    expect(proto.json().error.fields).toEqual({ constructor: 'This field is not allowed here.' });
  });

  it('refuses bodies over 64 KB with 413', async () => {
    const response = await t.browser().post('/api/v1/auth/login', { email: 'a'.repeat(70_000), password: 'x' });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await t.browser().get('/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });
});

describe('service endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('GET /healthz answers ok', async () => {
    const response = await t.browser().get('/healthz');
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('GET /metrics exposes request durations by route pattern, never by raw URL', async () => {
    await t.browser().delete('/api/v1/me/sessions/3f6c8a1e-secret-id');
    const text = (await t.browser().get('/metrics')).body;
    expect(text).toContain('http_request_duration_seconds_bucket');
    expect(text).toContain('route="/api/v1/me/sessions/:id"');
    expect(text).not.toContain('secret-id');
  });

  it('GET /api/v1/openapi.json documents the API from the same schemas', async () => {
    const doc = (await t.browser().get('/api/v1/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    const register = doc.paths['/api/v1/auth/register'].post;
    const schema = register.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(
      expect.arrayContaining(['email', 'password', 'nickname', 'birthDate', 'policyVersion']),
    );
    expect(schema.additionalProperties).toBe(false);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/me',
      '/api/v1/me/sessions',
      '/api/v1/me/consents/{purpose}',
      '/api/v1/policy',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });

  it('GET /api/v1/policy serves the current policy in English and Chinese', async () => {
    const en = (await t.browser().get('/api/v1/policy?lang=en')).json();
    const zh = (await t.browser({ language: 'zh-CN' }).get('/api/v1/policy')).json();
    expect(en).toMatchObject({ version: '2026-11-29', language: 'en' });
    expect(zh).toMatchObject({ version: '2026-11-29', language: 'zh' });
    expect(en.text.length).toBeGreaterThan(2000);
    expect(zh.title).toMatch(/隐私/);
  });
});

function generousLimits(): RateLimits {
  const rule = { points: 100_000, durationSeconds: 60 };
  return Object.fromEntries(Object.keys(defaultRateLimits).map((name) => [name, rule])) as unknown as RateLimits;
}

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('API answers forbid caching, sniffing and framing', async () => {
    const browser = t.browser();
    await browser.post('/api/v1/auth/register', newAccount());
    const response = await browser.get('/api/v1/me');
    expect(response.headers).toMatchObject({
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    });
    const unauthenticated = await t.browser().get('/api/v1/me');
    expect(unauthenticated.headers['cache-control']).toBe('no-store');
  });

  it('the public policy may be cached briefly, as its route says', async () => {
    const response = await t.browser().get('/api/v1/policy');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
  });
});
