/**
 * Two nodes share the database and talk over Redis: a change on one is seen at once on the other,
 * although each keeps users and sessions in memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/databases.js';
import { redisUrl } from '../../../test/services.js';
import { latestLink, newAccount, startTestApp, tokenFrom, type TestApp } from '../../../test/test-app.js';

describe.runIf(redisUrl)('user and session caches across two nodes', () => {
  let database: TestDatabase;
  let nodeA: TestApp;
  let nodeB: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(process.env.DATABASE_URL ? 'postgres' : 'sqlite');
    nodeA = await startTestApp({ existingDatabase: database, bus: 'redis' });
    nodeB = await startTestApp({ existingDatabase: database, bus: 'redis' });
  });
  afterAll(async () => {
    await nodeA.close();
    await nodeB.close();
    await database.dispose();
  });

  async function eventually(check: () => Promise<boolean>): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('never became true');
  }

  it('an email verified through node A shows as verified on node B', async () => {
    const account = newAccount();
    const onA = nodeA.browser();
    await onA.post('/api/v1/auth/register', account);
    const onB = nodeB.browser();
    await onB.post('/api/v1/auth/login', { email: account.email, password: account.password });
    expect((await onB.get('/api/v1/me')).json().emailVerified).toBe(false);
    const token = tokenFrom(latestLink(nodeA.outbox, account.email, '/verify-email'));
    expect((await onA.post('/api/v1/auth/verify-email', { token })).statusCode).toBe(204);
    await eventually(async () => (await onB.get('/api/v1/me')).json().emailVerified === true);
  });

  it('a session revoked on node A stops working on node B', async () => {
    const account = newAccount();
    const laptop = nodeA.browser();
    await laptop.post('/api/v1/auth/register', account);
    const phone = nodeB.browser();
    await phone.post('/api/v1/auth/login', { email: account.email, password: account.password });
    expect((await phone.get('/api/v1/me')).statusCode).toBe(200);
    const { sessions } = (await laptop.get('/api/v1/me/sessions')).json();
    const phoneSession = sessions.find((session: { current: boolean }) => !session.current);
    expect((await laptop.delete(`/api/v1/me/sessions/${phoneSession.id}`)).statusCode).toBe(204);
    await eventually(async () => (await phone.get('/api/v1/me')).statusCode === 401);
  });
});
