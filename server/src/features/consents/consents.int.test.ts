/**
 * The consent ledger: off by default, append-only, withdrawals take effect before the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { newAccount, startTestApp, type TestApp } from '../../../test/test-app.js';
import { databaseKinds } from '../../../test/services.js';

describe.each(databaseKinds)('consents on %s', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(async () => {
    await t.close();
  });

  async function signedIn() {
    const browser = t.browser();
    const me = (await browser.post('/api/v1/auth/register', newAccount())).json();
    return { browser, userId: me.id as string };
  }

  it('grants nothing by default', async () => {
    const { browser } = await signedIn();
    const { consents } = (await browser.get('/api/v1/me/consents')).json();
    expect(consents.map((c: { purpose: string }) => c.purpose)).toEqual([
      'location',
      'camera',
      'microphone',
      'marketing_email',
      'personalized_ads',
      'analytics',
    ]);
    expect(consents.every((c: { granted: boolean; updatedAt: unknown }) => !c.granted && c.updatedAt === null)).toBe(
      true,
    );
  });

  it('records grants and withdrawals as new rows with the policy version and source', async () => {
    const { browser, userId } = await signedIn();
    const granted = await browser.put('/api/v1/me/consents/location', { granted: true });
    expect(granted.json()).toMatchObject({ purpose: 'location', granted: true, policyVersion: '2026-11-29' });
    await browser.put('/api/v1/me/consents/location', { granted: true });
    await browser.put('/api/v1/me/consents/location', { granted: false });
    const rows = await t.database.db
      .selectFrom('consent_events')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
    expect(rows.map((row) => [row.purpose, row.granted, row.source])).toEqual([
      ['location', 1, 'settings'],
      ['location', 0, 'settings'],
    ]);
    const { consents } = (await browser.get('/api/v1/me/consents')).json();
    expect(consents[0]).toMatchObject({ purpose: 'location', granted: false });
  });

  it('refuses to rewrite the ledger', async () => {
    const { browser, userId } = await signedIn();
    await browser.put('/api/v1/me/consents/analytics', { granted: true });
    await expect(
      sql`update consent_events set granted = 0 where user_id = ${userId}`.execute(t.database.db),
    ).rejects.toThrow(/append-only/);
  });

  it('requireConsent refuses until granted and again right after a withdrawal, running the withdrawal effects first', async () => {
    const { browser, userId } = await signedIn();
    const { consents } = t.app.services;
    const effects: string[] = [];
    consents.onWithdraw('microphone', async (user) => {
      effects.push(user);
      await Promise.resolve();
    });
    await expect(consents.requireConsent(userId, 'microphone')).rejects.toMatchObject({
      code: 'CONSENT_REQUIRED',
      statusCode: 403,
    });
    await browser.put('/api/v1/me/consents/microphone', { granted: true });
    await expect(consents.requireConsent(userId, 'microphone')).resolves.toBeUndefined();
    await browser.put('/api/v1/me/consents/microphone', { granted: false });
    expect(effects).toEqual([userId]);
    await expect(consents.requireConsent(userId, 'microphone')).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
  });

  it('answers bad input with clear errors and changes nothing', async () => {
    const { browser } = await signedIn();
    expect((await browser.put('/api/v1/me/consents/telepathy', { granted: true })).statusCode).toBe(404);
    const notBoolean = await browser.put('/api/v1/me/consents/camera', { granted: 'yes' });
    expect(notBoolean.statusCode).toBe(422);
    expect(notBoolean.json().error.fields).toEqual({ granted: 'This must be true or false.' });
    const extra = await browser.put('/api/v1/me/consents/camera', { granted: true, forever: true });
    expect(extra.statusCode).toBe(422);
    const { consents } = (await browser.get('/api/v1/me/consents')).json();
    expect(consents.find((c: { purpose: string }) => c.purpose === 'camera').granted).toBe(false);
    expect((await t.browser().get('/api/v1/me/consents')).statusCode).toBe(401);
  });
});

describe.each(databaseKinds)('consent ledger under pressure on %s', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(async () => {
    await t.close();
  });

  it('concurrent grants and withdrawals never record the same state twice in a row', async () => {
    const browser = t.browser();
    const me = (await browser.post('/api/v1/auth/register', newAccount())).json();
    for (let run = 0; run < 10; run += 1) {
      await Promise.all([
        browser.put('/api/v1/me/consents/location', { granted: true }),
        browser.put('/api/v1/me/consents/location', { granted: false }),
        browser.put('/api/v1/me/consents/location', { granted: true }),
      ]);
    }
    const rows = await t.database.db
      .selectFrom('consent_events')
      .select('granted')
      .where('user_id', '=', me.id)
      .orderBy('id')
      .execute();
    rows.forEach((row, index) => {
      expect(row.granted).toBe(index % 2 === 0 ? 1 : 0);
    });
    const { consents } = (await browser.get('/api/v1/me/consents')).json();
    expect(consents[0].granted).toBe(rows.at(-1)?.granted === 1);
  });

  it('a withdrawal whose effect failed finishes the effect when asked again', async () => {
    const browser = t.browser();
    const me = (await browser.post('/api/v1/auth/register', newAccount())).json();
    let calls = 0;
    let failNext = true;
    t.app.services.consents.onWithdraw('camera', async (userId) => {
      if (userId !== me.id) return;
      calls += 1;
      await Promise.resolve();
      if (failNext) {
        failNext = false;
        throw new Error('storage unavailable');
      }
    });
    await browser.put('/api/v1/me/consents/camera', { granted: true });
    expect((await browser.put('/api/v1/me/consents/camera', { granted: false })).statusCode).toBe(500);
    expect((await browser.put('/api/v1/me/consents/camera', { granted: false })).statusCode).toBe(200);
    expect(calls).toBe(2);
  });
});
