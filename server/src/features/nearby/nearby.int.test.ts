/**
 * People nearby through the API, on SQLite and PostgreSQL: consent, the banded and shuffled
 * list, exclusions, settings, abuse limits, and that coordinates never land anywhere.
 */
import { sql } from 'kysely';
import { defaultRateLimits } from '../../config/config.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, startTestApp, type TestApp, type TestBrowser } from '../../../test/test-app.js';
import { databaseKinds } from '../../../test/services.js';
import { destination } from './nearby.geo.js';

const PEOPLES_SQUARE = { lat: 31.2304, lng: 121.4737 };

interface Person {
  browser: TestBrowser;
  id: string;
}

describe.each(databaseKinds)('people nearby on %s', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(async () => {
    await t.close();
  });

  async function person(overrides: Record<string, unknown> = {}, consent = true): Promise<Person> {
    const browser = t.browser();
    const me = (await browser.post('/api/v1/auth/register', newAccount(overrides))).json();
    if (consent) expect((await browser.put('/api/v1/me/consents/location', { granted: true })).statusCode).toBe(200);
    return { browser, id: me.id as string };
  }

  async function at(who: Person, point: { lat: number; lng: number }): Promise<void> {
    const response = await who.browser.put('/api/v1/me/location', point);
    expect(response.statusCode, response.body).toBe(200);
  }

  /** Somewhere in a fresh area, far from every other test's people. */
  let areaCounter = 0;
  function freshArea(): { lat: number; lng: number } {
    areaCounter += 1;
    return { lat: 20 + areaCounter * 1.5, lng: 100 + areaCounter * 1.5 };
  }

  async function nearbyIds(who: Person, query = ''): Promise<string[]> {
    const response = await who.browser.get(`/api/v1/nearby${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().people as { userId: string }[]).map((person) => person.userId);
  }

  it('refuses location and nearby without the location consent', async () => {
    const ann = await person({}, false);
    const put = await ann.browser.put('/api/v1/me/location', PEOPLES_SQUARE);
    expect(put.statusCode).toBe(403);
    expect(put.json().error.code).toBe('CONSENT_REQUIRED');
    expect((await ann.browser.get('/api/v1/nearby')).json().error.code).toBe('CONSENT_REQUIRED');
    expect((await ann.browser.get('/api/v1/recommendations')).statusCode).toBe(403);
    expect((await ann.browser.get('/api/v1/me/location')).json()).toEqual({
      shared: false,
      source: null,
      cityId: null,
      updatedAt: null,
    });
  });

  it('asks for a location before listing, and validates what it is sent', async () => {
    const ann = await person();
    const before = await ann.browser.get('/api/v1/nearby');
    expect(before.statusCode).toBe(409);
    expect(before.json().error.code).toBe('LOCATION_REQUIRED');
    for (const bad of [
      { lat: 91, lng: 0 },
      { lat: 'north', lng: 0 },
      { lat: 10 },
      { cityId: 'atlantis' },
      { lat: 10, lng: 10, precise: true },
      [],
    ]) {
      const response = await ann.browser.put('/api/v1/me/location', bad);
      expect(response.statusCode, JSON.stringify(bad)).toBe(422);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    await at(ann, PEOPLES_SQUARE);
    for (const query of [
      '?cursor=nonsense',
      '?maxBand=2km',
      '?ageMin=17',
      '?ageMin=40&ageMax=30',
      '?limit=500',
      '?x=1',
    ]) {
      const response = await ann.browser.get(`/api/v1/nearby${query}`);
      expect(response.statusCode, query).toBe(422);
    }
  });

  it('shows two people a few hundred metres apart to each other in one of the two nearest bands, and nothing that locates them', async () => {
    const centre = freshArea();
    const ann = await person({ nickname: 'Ann' });
    const bob = await person({ nickname: 'Bob' });
    await at(ann, centre);
    await at(bob, destination(centre, Math.PI / 3, 300));
    const seenByAnn = (await ann.browser.get('/api/v1/nearby')).json();
    expect(seenByAnn.people).toHaveLength(1);
    const [seen] = seenByAnn.people;
    expect(seen).toEqual({
      userId: bob.id,
      nickname: 'Bob',
      age: expect.any(Number),
      gender: null,
      avatarUrl: null,
      band: expect.stringMatching(/^(lt1km|1to5km)$/),
      sharedInterests: [],
      online: true,
    });
    expect(await nearbyIds(bob)).toEqual([ann.id]);
    const body = JSON.stringify(seenByAnn);
    expect(body).not.toMatch(/8[0-9a-f]{14}/);
    expect(body).not.toMatch(/lat|lng|metre|meter|cell/i);
  });

  it('never stores or logs the coordinates it was sent', async () => {
    const ann = await person();
    const point = { lat: 31.2345678, lng: 121.4567891 };
    await at(ann, point);
    await at(ann, { lat: 31.2346789, lng: 121.4568912 });
    const tables = ['nearby_locations', 'nearby_settings', 'users', 'profiles', 'sessions', 'consent_events'];
    let dump = '';
    for (const table of tables) {
      const rows = await sql`select * from ${sql.table(table)}`.execute(t.database.db);
      dump += JSON.stringify(rows.rows);
    }
    dump += t.logLines.join('\n');
    for (const fragment of ['31.2345', '121.4567', '31.2346', '121.4568', '2345678', '4567891']) {
      expect(dump).not.toContain(fragment);
    }
  });

  it('forgets the location at once when the consent is withdrawn or the person hides, and lists neither', async () => {
    const centre = freshArea();
    const ann = await person();
    const bob = await person();
    const cat = await person();
    await at(ann, centre);
    await at(bob, destination(centre, 0, 200));
    await at(cat, destination(centre, Math.PI, 200));
    expect((await nearbyIds(ann)).sort()).toEqual([bob.id, cat.id].sort());

    expect((await bob.browser.put('/api/v1/me/consents/location', { granted: false })).statusCode).toBe(200);
    expect((await bob.browser.get('/api/v1/me/location')).json().shared).toBe(false);
    expect(await nearbyIds(ann)).toEqual([cat.id]);
    const stored = await t.database.db
      .selectFrom('nearby_locations')
      .select('user_id')
      .where('user_id', '=', bob.id)
      .execute();
    expect(stored).toEqual([]);

    const hidden = await cat.browser.put('/api/v1/me/nearby-settings', { showInNearby: false, hideDistance: false });
    expect(hidden.json()).toEqual({ showInNearby: false, hideDistance: false });
    expect(await nearbyIds(ann)).toEqual([]);
    // It works both ways: hidden people do not see the list either.
    expect((await cat.browser.get('/api/v1/nearby')).json().error.code).toBe('NEARBY_HIDDEN');
    expect((await cat.browser.put('/api/v1/me/location', centre)).json().error.code).toBe('NEARBY_HIDDEN');
  });

  it('shows people who hide their distance only as "in your area", after everyone within 10 km', async () => {
    const centre = freshArea();
    const ann = await person();
    const bob = await person();
    const cat = await person();
    await at(ann, centre);
    await at(bob, destination(centre, 1, 100));
    await at(cat, destination(centre, 2, 7_000));
    await bob.browser.put('/api/v1/me/nearby-settings', { showInNearby: true, hideDistance: true });
    const people = (await ann.browser.get('/api/v1/nearby')).json().people as { userId: string; band: string }[];
    expect(people.map((person) => person.userId)).toEqual([cat.id, bob.id]);
    expect(people[1]!.band).toBeNull();
    // A filter narrower than the area would tell more than "in your area", so it leaves them out.
    expect(await nearbyIds(ann, '?maxBand=1to5km')).not.toContain(bob.id);
  });

  it('never lists a blocked person, whoever blocked whom', async () => {
    const centre = freshArea();
    const ann = await person();
    const bob = await person();
    const cat = await person();
    for (const [index, who] of [ann, bob, cat].entries()) await at(who, destination(centre, index, 150));
    await ann.browser.post(`/api/v1/blocks/${bob.id}`);
    await cat.browser.post(`/api/v1/blocks/${ann.id}`);
    expect(await nearbyIds(ann)).toEqual([]);
    expect(await nearbyIds(bob)).toEqual([cat.id]);
    expect(await nearbyIds(cat)).toEqual([bob.id]);
  });

  it('takes an account under review out of the list and pauses its nearby', async () => {
    const centre = freshArea();
    const ann = await person();
    const bob = await person();
    await at(ann, centre);
    await at(bob, destination(centre, 0, 300));
    expect(await nearbyIds(ann)).toEqual([bob.id]);
    const reporter = await person();
    await reporter.browser.post('/api/v1/reports', { targetKind: 'user', targetId: bob.id, reason: 'possible_minor' });
    expect(await nearbyIds(ann)).toEqual([]);
    expect((await bob.browser.put('/api/v1/me/location', centre)).json().error.code).toBe('ACCOUNT_UNDER_REVIEW');
    expect((await bob.browser.get('/api/v1/nearby')).statusCode).toBe(403);
  });

  it('refuses a move faster than 300 km/h, and accepts it once the time fits', async () => {
    const ann = await person();
    await at(ann, { lat: 31.2304, lng: 121.4737 });
    t.clock.advance(10 * 60 * 1000);
    const beijing = await ann.browser.put('/api/v1/me/location', { cityId: 'beijing' });
    expect(beijing.statusCode).toBe(422);
    expect(beijing.json().error.code).toBe('IMPOSSIBLE_MOVE');
    expect((await ann.browser.get('/api/v1/me/location')).json().source).toBe('device');
    t.clock.advance(4 * 60 * 60 * 1000);
    const later = await ann.browser.put('/api/v1/me/location', { cityId: 'beijing' });
    expect(later.statusCode).toBe(200);
    expect(later.json()).toMatchObject({ shared: true, source: 'city', cityId: 'beijing' });
    // Walking pace and GPS jitter are never refused.
    t.clock.advance(60 * 1000);
    expect((await ann.browser.put('/api/v1/me/location', { lat: 39.9, lng: 116.41 })).statusCode).toBe(200);
  });

  it('pages through everyone once, nearest band first, in an order fixed per viewer', async () => {
    const centre = freshArea();
    const viewer = await person();
    const other = await person();
    await at(viewer, centre);
    await at(other, destination(centre, 0.5, 100));
    const crowd: Person[] = [];
    for (let index = 0; index < 64; index += 1) {
      const someone = await person();
      await at(someone, destination(centre, index, index < 40 ? 150 + index * 5 : 3_000 + index * 20));
      crowd.push(someone);
    }
    const bandOrder = ['lt1km', '1to5km', '5to10km', '10to50km', '50km_plus'];
    async function walk(who: Person): Promise<{ userId: string; band: string }[]> {
      const seen: { userId: string; band: string }[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=25&cursor=${cursor}` : '?limit=25';
        const page = (await who.browser.get(`/api/v1/nearby${query}`)).json();
        seen.push(...page.people);
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    }
    const first = await walk(viewer);
    expect(first).toHaveLength(65);
    expect(new Set(first.map((person) => person.userId)).size).toBe(65);
    const bands = first.map((person) => bandOrder.indexOf(person.band));
    expect(bands).toEqual([...bands].sort((a, b) => a - b));
    expect((await walk(viewer)).map((person) => person.userId)).toEqual(first.map((person) => person.userId));
    const otherOrder = (await walk(other)).map((person) => person.userId).filter((id) => id !== viewer.id);
    const viewerOrder = first.map((person) => person.userId).filter((id) => id !== other.id);
    expect(otherOrder).not.toEqual(viewerOrder);
  });

  it('filters by age, gender, interest and being online', async () => {
    const centre = freshArea();
    const viewer = await person();
    const young = await person({ birthDate: '2000-05-01' });
    const older = await person({ birthDate: '1970-05-01' });
    await young.browser.request('PATCH', '/api/v1/me/profile', { gender: 'woman', interests: ['Hiking', 'tea'] });
    await older.browser.request('PATCH', '/api/v1/me/profile', { gender: 'man', interests: ['chess_100%'] });
    await at(viewer, centre);
    await at(young, destination(centre, 1, 200));
    await at(older, destination(centre, 2, 200));
    expect(await nearbyIds(viewer, '?ageMax=30')).toEqual([young.id]);
    expect(await nearbyIds(viewer, '?ageMin=50')).toEqual([older.id]);
    expect(await nearbyIds(viewer, '?gender=man')).toEqual([older.id]);
    expect(await nearbyIds(viewer, '?interest=hiking')).toEqual([young.id]);
    expect(await nearbyIds(viewer, '?interest=chess_100%25')).toEqual([older.id]);
    expect(await nearbyIds(viewer, '?interest=chess')).toEqual([]);
    t.clock.advance(30 * 60 * 1000);
    await at(young, destination(centre, 1, 210));
    expect(await nearbyIds(viewer, '?onlineOnly=true')).toEqual([young.id]);
  });

  it('recommends chat friends with the reasons', async () => {
    const centre = freshArea();
    const viewer = await person();
    const alike = await person({ nickname: 'Alike' });
    const stranger = await person({ nickname: 'Stranger' });
    await viewer.browser.request('PATCH', '/api/v1/me/profile', { interests: ['hiking', 'tea'], languages: ['zh'] });
    await alike.browser.request('PATCH', '/api/v1/me/profile', { interests: ['Tea', 'hiking'], languages: ['zh'] });
    await at(viewer, centre);
    await at(stranger, destination(centre, 1, 100));
    await at(alike, destination(centre, 2, 8_000));
    const response = await viewer.browser.get('/api/v1/recommendations');
    expect(response.statusCode).toBe(200);
    const [top, second] = response.json().recommendations;
    expect(top.userId).toBe(alike.id);
    expect(top.reasons).toEqual(
      expect.arrayContaining([
        { kind: 'sharedInterests', count: 2, interests: ['Tea', 'hiking'] },
        { kind: 'sharedLanguages', count: 1, languages: ['zh'] },
        { kind: 'distance', band: expect.any(String) },
        { kind: 'recentlyActive' },
      ]),
    );
    expect(second.userId).toBe(stranger.id);
  });

  it('exports and erases the nearby data with the account', async () => {
    const ann = await person();
    await at(ann, { cityId: 'shanghai' } as never);
    const exported = await t.app.privacy.exportUser(t.database.db, ann.id);
    expect(exported.nearby_locations).toEqual([expect.objectContaining({ source: 'city', city_id: 'shanghai' })]);
    expect(exported.nearby_settings).toEqual([expect.objectContaining({ show_in_nearby: 1 })]);
    expect(JSON.stringify(exported.nearby_settings)).not.toContain('secret');
    await t.app.privacy.eraseUser(t.database.db, ann.id);
    expect(
      await t.database.db.selectFrom('nearby_locations').where('user_id', '=', ann.id).selectAll().execute(),
    ).toEqual([]);
  });
});

describe('nearby limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      config: { rateLimits: { ...defaultRateLimits, nearbyQueriesPerNewUser: { points: 3, durationSeconds: 3600 } } },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 with Retry-After once a new account used its nearby quota', async () => {
    const browser = t.browser();
    await browser.post('/api/v1/auth/register', newAccount());
    await browser.put('/api/v1/me/consents/location', { granted: true });
    await browser.put('/api/v1/me/location', PEOPLES_SQUARE);
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await browser.get('/api/v1/nearby')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await browser.get('/api/v1/nearby');
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
