/**
 * Reports through the API: stored for the moderation queue, urgent for a possible minor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRateLimits } from '../../config/config.js';
import { newAccount, startTestApp, type TestApp, type TestBrowser } from '../../../test/test-app.js';
import { databaseKinds } from '../../../test/services.js';

describe.each(databaseKinds)('reports on %s', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      database,
      config: { rateLimits: { ...defaultRateLimits, reportsPerUser: { points: 5, durationSeconds: 3600 } } },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  async function person(): Promise<{ browser: TestBrowser; id: string }> {
    const browser = t.browser();
    const me = (await browser.post('/api/v1/auth/register', newAccount())).json();
    return { browser, id: me.id as string };
  }

  it('stores a report with reason and words, urgent when someone may be a minor, queued urgent first', async () => {
    const reporter = await person();
    const target = await person();
    const spam = await reporter.browser.post('/api/v1/reports', {
      targetKind: 'profile',
      targetId: target.id,
      reason: 'spam',
      details: '  Sends the same link to everyone.  ',
    });
    expect(spam.statusCode).toBe(201);
    expect(spam.json()).toMatchObject({ id: expect.any(String), urgent: false });
    const minor = await reporter.browser.post('/api/v1/reports', {
      targetKind: 'user',
      targetId: target.id,
      reason: 'possible_minor',
    });
    expect(minor.json().urgent).toBe(true);
    const rows = await t.database.db
      .selectFrom('reports')
      .selectAll()
      .where('target_user_id', '=', target.id)
      .execute();
    expect(rows.map((row) => [row.reason, row.details, row.urgent, row.status, row.reporter_id])).toEqual(
      expect.arrayContaining([
        ['spam', 'Sends the same link to everyone.', 0, 'open', reporter.id],
        ['possible_minor', null, 1, 'open', reporter.id],
      ]),
    );
    const reports = new (await import('./reports.store.js')).ReportsStore(t.database.db);
    const queue = await reports.openQueue(100);
    expect(queue[0]!.urgent).toBe(1);
  });

  it('refuses bad reports clearly and stores nothing', async () => {
    const reporter = await person();
    const target = await person();
    const cases: [unknown, number][] = [
      [{ targetKind: 'user', targetId: target.id, reason: 'boring' }, 422],
      [{ targetKind: 'planet', targetId: target.id, reason: 'spam' }, 422],
      [{ targetKind: 'user', targetId: target.id, reason: 'spam', details: 'x'.repeat(1001) }, 422],
      [{ targetKind: 'user', targetId: target.id, reason: 'spam', extra: 1 }, 422],
      [{ targetKind: 'user', targetId: reporter.id, reason: 'spam' }, 422],
      [{ targetKind: 'user', targetId: 'nobody', reason: 'spam' }, 404],
      [{ targetKind: 'message', targetId: 'm1', reason: 'spam' }, 404],
    ];
    for (const [body, status] of cases) {
      expect((await reporter.browser.post('/api/v1/reports', body)).statusCode, JSON.stringify(body).slice(0, 80)).toBe(
        status,
      );
    }
    const stored = await t.database.db
      .selectFrom('reports')
      .select('id')
      .where('reporter_id', '=', reporter.id)
      .execute();
    expect(stored).toEqual([]);
    expect(
      (await t.browser().post('/api/v1/reports', { targetKind: 'user', targetId: target.id, reason: 'spam' }))
        .statusCode,
    ).toBe(401);
  });

  it('limits how many reports one person files', async () => {
    const reporter = await person();
    const target = await person();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push(
        (await reporter.browser.post('/api/v1/reports', { targetKind: 'user', targetId: target.id, reason: 'spam' }))
          .statusCode,
      );
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it('erasure unlinks the reporter and drops their words, keeping what was reported', async () => {
    const reporter = await person();
    const target = await person();
    await reporter.browser.post('/api/v1/reports', {
      targetKind: 'user',
      targetId: target.id,
      reason: 'harassment',
      details: 'My name is Jo',
    });
    expect((await t.app.privacy.exportUser(t.database.db, reporter.id)).reports).toEqual([
      expect.objectContaining({ target_id: target.id, reason: 'harassment', details: 'My name is Jo' }),
    ]);
    await t.app.privacy.eraseUser(t.database.db, reporter.id);
    const rows = await t.database.db.selectFrom('reports').selectAll().where('target_id', '=', target.id).execute();
    expect(rows).toEqual([expect.objectContaining({ reporter_id: null, details: null, reason: 'harassment' })]);
  });
});
