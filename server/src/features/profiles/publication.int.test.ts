/**
 * Public pages: off by default, only the chosen fields, readable without signing in, gone at once
 * when taken down, never cached, with the tags a link preview needs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, startTestApp, type TestApp, type TestBrowser } from '../../../test/test-app.js';
import { databaseKinds } from '../../../test/services.js';

describe.each(databaseKinds)('public pages on %s', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      database,
      nowIso: '2026-11-29T10:00:00Z',
      env: { PUBLIC_URL: 'https://airtalk.example' },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  async function person(nickname: string): Promise<TestBrowser> {
    const browser = t.browser();
    await browser.post('/api/v1/auth/register', newAccount({ nickname, birthDate: '1996-04-12' }));
    await browser.request('PATCH', '/api/v1/me/profile', {
      bio: 'Dumplings <b>&</b> "surf"',
      city: 'Hangzhou',
      interests: ['food', 'surfing'],
      gender: 'woman',
    });
    return browser;
  }

  it('is off by default', async () => {
    const mia = await person('Mia');
    expect((await mia.get('/api/v1/me/publication')).json()).toEqual({
      published: false,
      handle: null,
      fields: [],
      url: null,
    });
  });

  it('shows strangers exactly the chosen fields, and stops the moment it is taken down', async () => {
    const mia = await person('Mia');
    const saved = await mia.put('/api/v1/me/publication', {
      published: true,
      handle: 'mia.chen',
      fields: ['nickname', 'bio', 'age'],
    });
    expect(saved.json()).toEqual({
      published: true,
      handle: 'mia.chen',
      fields: ['nickname', 'age', 'bio'],
      url: 'https://airtalk.example/u/mia.chen',
    });
    const stranger = t.browser();
    const json = await stranger.get('/api/v1/public/profiles/mia.chen');
    expect(json.json()).toEqual({ handle: 'mia.chen', nickname: 'Mia', age: 30, bio: 'Dumplings <b>&</b> "surf"' });
    expect(json.headers['cache-control']).toBe('no-store');
    expect(json.body).not.toMatch(/Hangzhou|surfing|woman|1996/);

    const page = await stranger.get('/u/mia.chen');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<title>Mia · Airtalk</title>');
    expect(page.body).toContain('<meta property="og:title" content="Mia · Airtalk">');
    expect(page.body).toContain(
      '<meta property="og:description" content="Dumplings &#60;b&#62;&#38;&#60;/b&#62; &#34;surf&#34;">',
    );
    expect(page.body).not.toContain('<b>&</b>');
    expect(page.body).not.toMatch(/Hangzhou|1996/);

    await mia.put('/api/v1/me/publication', {
      published: false,
      handle: 'mia.chen',
      fields: ['nickname', 'bio', 'age'],
    });
    expect((await stranger.get('/api/v1/public/profiles/mia.chen')).statusCode).toBe(404);
    const gone = await stranger.get('/u/mia.chen');
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['cache-control']).toBe('no-store');
    expect(gone.body).not.toContain('Mia');
  });

  it('serves a Chinese page to a Chinese browser', async () => {
    const lin = await person('Lin');
    await lin.put('/api/v1/me/publication', { published: true, handle: 'lin.hz', fields: ['nickname', 'age', 'city'] });
    const page = await t.browser({ language: 'zh-CN' }).get('/u/lin.hz');
    expect(page.body).toContain('<html lang="zh-CN">');
    expect(page.body).toContain('30 岁 · Hangzhou');
  });

  it('refuses a taken handle, a malformed one, and one that hides contact details', async () => {
    const first = await person('Ann');
    const second = await person('Bea');
    await first.put('/api/v1/me/publication', { published: true, handle: 'sunny', fields: [] });
    const taken = await second.put('/api/v1/me/publication', { published: true, handle: 'sunny', fields: [] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({
      code: 'HANDLE_TAKEN',
      fields: { handle: 'This address is already taken.' },
    });
    for (const handle of ['ab', 'Sunny', '9lives', 'a'.repeat(31), 'mia chen']) {
      expect(
        (await second.put('/api/v1/me/publication', { published: true, handle, fields: [] })).statusCode,
        handle,
      ).toBe(422);
    }
    const wechat = await second.put('/api/v1/me/publication', { published: true, handle: 'wx_mia0412', fields: [] });
    expect(wechat.statusCode).toBe(422);
    expect(wechat.json().error.code).toBe('CONTACT_INFO_WECHAT');
    expect((await second.get('/api/v1/me/publication')).json().published).toBe(false);
    expect((await t.browser().get('/u/nobody-here')).statusCode).toBe(404);
  });

  it('exports and erases the publication with the account', async () => {
    const cat = t.browser();
    const me = (await cat.post('/api/v1/auth/register', newAccount({ nickname: 'Cat' }))).json();
    await cat.put('/api/v1/me/publication', { published: true, handle: 'cat.page', fields: ['nickname'] });
    expect((await t.app.privacy.exportUser(t.database.db, me.id)).publications).toEqual([
      expect.objectContaining({ handle: 'cat.page', published: 1 }),
    ]);
    await t.app.privacy.eraseUser(t.database.db, me.id);
    expect((await t.browser().get('/u/cat.page')).statusCode).toBe(404);
  });
});
