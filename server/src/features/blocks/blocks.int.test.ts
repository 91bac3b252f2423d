/**
 * Blocking through the API, and canInteract as every later feature will ask it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, startTestApp, type TestApp, type TestBrowser } from '../../../test/test-app.js';
import { databaseKinds } from '../../../test/services.js';

describe.each(databaseKinds)('blocks on %s', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(async () => {
    await t.close();
  });

  async function person(nickname: string): Promise<{ browser: TestBrowser; id: string }> {
    const browser = t.browser();
    const me = (await browser.post('/api/v1/auth/register', newAccount({ nickname }))).json();
    return { browser, id: me.id as string };
  }

  it('blocks and unblocks; the list shows whom I blocked', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    expect((await ann.browser.post(`/api/v1/blocks/${bob.id}`)).statusCode).toBe(204);
    expect((await ann.browser.post(`/api/v1/blocks/${bob.id}`)).statusCode).toBe(204);
    const listed = (await ann.browser.get('/api/v1/me/blocks')).json();
    expect(listed.blocks).toEqual([{ userId: bob.id, nickname: 'Bob', blockedAt: expect.any(String) }]);
    expect((await bob.browser.get('/api/v1/me/blocks')).json().blocks).toEqual([]);
    expect((await ann.browser.delete(`/api/v1/blocks/${bob.id}`)).statusCode).toBe(204);
    expect((await ann.browser.get('/api/v1/me/blocks')).json().blocks).toEqual([]);
  });

  it('canInteract is false in both directions while either block stands', async () => {
    const { blocks } = t.app.services;
    const ann = await person('Ann');
    const bob = await person('Bob');
    const cat = await person('Cat');
    expect(await blocks.canInteract(ann.id, bob.id)).toBe(true);
    await ann.browser.post(`/api/v1/blocks/${bob.id}`);
    expect(await blocks.canInteract(ann.id, bob.id)).toBe(false);
    expect(await blocks.canInteract(bob.id, ann.id)).toBe(false);
    expect(await blocks.canInteract(ann.id, cat.id)).toBe(true);
    expect(await blocks.canInteract(bob.id, cat.id)).toBe(true);
    await bob.browser.post(`/api/v1/blocks/${ann.id}`);
    await ann.browser.delete(`/api/v1/blocks/${bob.id}`);
    expect(await blocks.canInteract(ann.id, bob.id)).toBe(false);
    await bob.browser.delete(`/api/v1/blocks/${ann.id}`);
    expect(await blocks.canInteract(ann.id, bob.id)).toBe(true);
    expect(await blocks.canInteract(ann.id, ann.id)).toBe(true);
  });

  it('refuses blocking oneself, unknown people, and anonymous callers', async () => {
    const ann = await person('Ann');
    const self = await ann.browser.post(`/api/v1/blocks/${ann.id}`);
    expect(self.statusCode).toBe(422);
    expect(self.json().error.fields.userId).toBe('You cannot block yourself.');
    expect((await ann.browser.post('/api/v1/blocks/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
    expect((await t.browser().post(`/api/v1/blocks/${ann.id}`)).statusCode).toBe(401);
    expect((await t.browser().get('/api/v1/me/blocks')).statusCode).toBe(401);
  });

  it('erasing an account removes the blocks it made and the blocks made of it', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    await ann.browser.post(`/api/v1/blocks/${bob.id}`);
    await bob.browser.post(`/api/v1/blocks/${ann.id}`);
    expect((await t.app.privacy.exportUser(t.database.db, ann.id)).blocks).toEqual([
      { blocked_id: bob.id, created_at: expect.any(Number) },
    ]);
    await t.app.privacy.eraseUser(t.database.db, ann.id);
    expect((await bob.browser.get('/api/v1/me/blocks')).json().blocks).toEqual([]);
  });
});
