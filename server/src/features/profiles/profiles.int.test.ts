/**
 * Profiles through the API: editing my own, what others may see, and the contact-info guard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, startTestApp, type TestApp, type TestBrowser } from '../../../test/test-app.js';
import { databaseKinds } from '../../../test/services.js';

describe.each(databaseKinds)('profiles on %s', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database, nowIso: '2026-11-29T10:00:00Z' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function person(nickname = 'Mia', birthDate = '1996-04-12'): Promise<{ browser: TestBrowser; id: string }> {
    const browser = t.browser();
    const me = (await browser.post('/api/v1/auth/register', newAccount({ nickname, birthDate }))).json();
    return { browser, id: me.id as string };
  }

  it('starts empty and keeps what I write, with tags de-duplicated', async () => {
    const mia = await person();
    const empty = (await mia.browser.get('/api/v1/me/profile')).json();
    expect(empty).toMatchObject({
      nickname: 'Mia',
      age: 30,
      bio: '',
      gender: null,
      interests: [],
      languages: [],
      city: null,
    });
    const updated = await mia.browser.request('PATCH', '/api/v1/me/profile', {
      nickname: 'Mia Chen',
      bio: 'Night owl, dumpling fan, learning to surf.',
      gender: 'woman',
      interests: ['food', 'travel', 'Surfing', 'surfing'],
      languages: ['en', 'zh-CN'],
      city: 'Shanghai',
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      nickname: 'Mia Chen',
      interests: ['food', 'travel', 'Surfing'],
      languages: ['en', 'zh-CN'],
      city: 'Shanghai',
    });
    expect((await mia.browser.get('/api/v1/me')).json().nickname).toBe('Mia Chen');
    const cleared = (await mia.browser.request('PATCH', '/api/v1/me/profile', { gender: null, city: null })).json();
    expect(cleared).toMatchObject({ gender: null, city: null, bio: 'Night owl, dumpling fan, learning to surf.' });
  });

  it('shows others my age, never my birth date, unless a block stands between us', async () => {
    const mia = await person('Mia', '1996-04-12');
    const leo = await person('Leo');
    await mia.browser.request('PATCH', '/api/v1/me/profile', { bio: 'Hello there' });
    const seen = await leo.browser.get(`/api/v1/users/${mia.id}/profile`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toEqual({
      userId: mia.id,
      nickname: 'Mia',
      age: 30,
      bio: 'Hello there',
      gender: null,
      interests: [],
      languages: [],
      city: null,
      photos: [],
    });
    expect(seen.body).not.toContain('1996');
    await mia.browser.post(`/api/v1/blocks/${leo.id}`);
    expect((await leo.browser.get(`/api/v1/users/${mia.id}/profile`)).statusCode).toBe(404);
    expect((await mia.browser.get(`/api/v1/users/${leo.id}/profile`)).statusCode).toBe(404);
    expect((await leo.browser.get('/api/v1/users/00000000-0000-0000-0000-000000000000/profile')).statusCode).toBe(404);
    expect((await t.browser().get(`/api/v1/users/${mia.id}/profile`)).statusCode).toBe(401);
  });

  it('refuses contact details in anything others see, names the field and kind, saves nothing, counts the attempt', async () => {
    const mia = await person();
    await mia.browser.request('PATCH', '/api/v1/me/profile', { bio: 'Before' });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ nickname: 'Mia 138 0013 8000' }, 'nickname', 'CONTACT_INFO_PHONE'],
      [{ bio: 'write me: mia at example dot com' }, 'bio', 'CONTACT_INFO_EMAIL'],
      [{ bio: 'Nice to meet you', interests: ['music', '加微信 mia_0412'] }, 'interests.1', 'CONTACT_INFO_WECHAT'],
    ];
    for (const [body, field, code] of cases) {
      const response = await mia.browser.request('PATCH', '/api/v1/me/profile', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(422);
      expect(response.json().error.code).toBe(code);
      expect(Object.keys(response.json().error.fields)).toEqual([field]);
    }
    const profile = (await mia.browser.get('/api/v1/me/profile')).json();
    expect(profile).toMatchObject({ nickname: 'Mia', bio: 'Before', interests: [] });
    const attempts = await t.database.db
      .selectFrom('contact_info_attempts')
      .selectAll()
      .where('user_id', '=', mia.id)
      .execute();
    expect(attempts.map((attempt) => [attempt.field, attempt.kind])).toEqual([
      ['nickname', 'phone'],
      ['bio', 'email'],
      ['interests.1', 'wechat'],
    ]);
    expect(JSON.stringify(attempts)).not.toContain('0013');
  });

  it('reads many profiles at once, in the order asked, the same as one by one, leaving unknown ids out', async () => {
    const { profiles } = t.app.services;
    const ann = await person('Ann');
    const bob = await person('Bob');
    await bob.browser.request('PATCH', '/api/v1/me/profile', { bio: 'Tea and trails', interests: ['tea'] });
    const many = await profiles.getMany([bob.id, 'nobody', ann.id]);
    expect(many).toEqual([await profiles.getOwn(bob.id), await profiles.getOwn(ann.id)]);
    expect(await profiles.getMany([])).toEqual([]);
  });

  it('answers bad input with field errors', async () => {
    const mia = await person();
    const cases: Record<string, unknown>[] = [
      { bio: 'x'.repeat(501) },
      { gender: 'dragon' },
      { interests: Array.from({ length: 11 }, (_, i) => `tag${i}`) },
      { interests: ['x'.repeat(25)] },
      { languages: ['english'] },
      { city: 42 },
      { handle: 'mia' },
    ];
    for (const body of cases) {
      const response = await mia.browser.request('PATCH', '/api/v1/me/profile', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(422);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('exports and erases the profile with the account', async () => {
    const mia = await person();
    await mia.browser.request('PATCH', '/api/v1/me/profile', { bio: 'Bye', city: 'Hangzhou' });
    const exported = await t.app.privacy.exportUser(t.database.db, mia.id);
    expect(exported.profiles).toEqual([expect.objectContaining({ bio: 'Bye', city: 'Hangzhou' })]);
    await t.app.privacy.eraseUser(t.database.db, mia.id);
    const after = await t.app.privacy.exportUser(t.database.db, mia.id);
    expect(after.profiles).toEqual([]);
  });
});
