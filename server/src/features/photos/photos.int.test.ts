/**
 * Photos through HTTP on each database: a minimal Fastify app with only the photo routes, the
 * error contract and a stand-in for authentication (the x-test-user header), over real storage.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/databases.js';
import {
  hasGpsLatitude,
  jpegWithGps,
  multipartBody,
  plainImage,
  PNG_SIGNATURE,
  pngBomb,
  type MultipartPart,
} from '../../../test/fixtures/images.js';
import { databaseKinds } from '../../../test/services.js';
import { FakeClock } from '../../platform/clock.js';
import { registerErrorHandling } from '../../platform/http/error-handler.js';
import { zodResponseSerializerCompiler } from '../../platform/http/serializer.js';
import { PrivacyRegistry } from '../../platform/privacy/registry.js';
import { LocalDiskStorage } from '../../platform/storage/index.js';
import { up as createPhotosTable } from '../../platform/db/migrations/0005_photos.js';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { defaultImagePipelineLimits, ImagePipeline } from './photos.pipeline.js';
import { registerPhotosPrivacy } from './photos.privacy.js';
import { registerPhotoRoutes } from './photos.routes.js';
import { PhotosService } from './photos.service.js';
import { PhotosStore } from './photos.store.js';

describe.each(databaseKinds)('photos on %s', (kind) => {
  let database: TestDatabase;
  let dataDir: string;
  let storage: LocalDiskStorage;
  let app: ReturnType<typeof buildTestApp>;

  function buildTestApp(service: PhotosService) {
    const server = Fastify({ bodyLimit: 64 * 1024 }).withTypeProvider<ZodTypeProvider>();
    server.setValidatorCompiler(validatorCompiler);
    server.setSerializerCompiler(zodResponseSerializerCompiler);
    registerErrorHandling(server);
    server.decorateRequest('auth', null);
    server.addHook('onRequest', (request, _reply, done) => {
      const userId = request.headers['x-test-user'];
      request.auth = typeof userId === 'string' ? { userId, sessionId: 'test-session' } : null;
      done();
    });
    registerPhotoRoutes(server, service, storage);
    return server;
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // Until 0005_photos is listed in migrate.ts the table is made here; afterwards this is skipped.
    const tables = await database.db.introspection.getTables();
    if (!tables.some((table) => table.name === 'photos')) await createPhotosTable(database.db as Kysely<unknown>);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'airtalk-photos-'));
    storage = LocalDiskStorage.forDataDir(dataDir);
    const service = new PhotosService({
      store: new PhotosStore(database.db),
      storage,
      // Wide enough that the race test meets the slot limit, not the decode cap.
      pipeline: new ImagePipeline({ ...defaultImagePipelineLimits, maxConcurrentJobs: 16 }),
      clock: new FakeClock(Date.parse('2026-11-29T10:00:00Z')),
      logger: { warn: () => undefined },
    });
    app = buildTestApp(service);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function newUser(): Promise<string> {
    const id = randomUUID();
    await database.db
      .insertInto('users')
      .values({
        id,
        email: `${id}@example.com`,
        email_verified_at: null,
        password_hash: 'x',
        nickname: 'Mia',
        birth_date: '1996-04-12',
        policy_version: '2026-11-29',
        language: 'en',
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    return id;
  }

  function upload(userId: string | null, parts: MultipartPart[]) {
    const { payload, headers } = multipartBody(parts);
    return app.inject({
      method: 'POST',
      url: '/api/v1/me/photos',
      payload,
      headers: { ...headers, ...(userId ? { 'x-test-user': userId } : {}) },
    });
  }

  const photo = (value: Buffer, filename = 'photo.jpg', contentType = 'image/jpeg'): MultipartPart => ({
    name: 'photo',
    value,
    filename,
    contentType,
  });

  const mediaFiles = () => fs.readdirSync(path.join(dataDir, 'media')).filter((name) => !name.startsWith('.'));
  const rowsOf = (userId: string) =>
    database.db.selectFrom('photos').selectAll().where('user_id', '=', userId).execute();

  it('stores a phone photo upright as WebP with no EXIF at all, and serves it for a year', async () => {
    const mia = await newUser();
    const input = await jpegWithGps(400, 200);
    expect(hasGpsLatitude((await sharp(input).metadata()).exif)).toBe(true);

    const response = await upload(mia, [photo(input), { name: 'caption', value: '  Sunset at the Bund  ' }]);
    expect(response.statusCode).toBe(201);
    const view = response.json();
    expect(view).toEqual({
      id: expect.any(String),
      url: expect.stringMatching(/^\/media\/[A-Za-z0-9_-]{24}\.webp$/),
      width: 200,
      height: 400,
      caption: 'Sunset at the Bund',
      position: 0,
    });

    const served = await app.inject({ method: 'GET', url: view.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    const metadata = await sharp(served.rawPayload).metadata();
    expect(metadata).toMatchObject({ format: 'webp', width: 200, height: 400 });
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(served.rawPayload.includes('Exif')).toBe(false);
    expect(served.rawPayload.includes('AirtalkTestCam')).toBe(false);

    const [row] = await rowsOf(mia);
    expect(row).toMatchObject({ width: 200, height: 400, bytes: served.rawPayload.length, position: 0 });
    const list = await app.inject({ method: 'GET', url: '/api/v1/me/photos', headers: { 'x-test-user': mia } });
    expect(list.json()).toEqual({ photos: [view] });
  });

  it('refuses what must not be stored, and stores nothing of it', async () => {
    const leo = await newUser();
    const filesBefore = mediaFiles();
    const oversize = Buffer.alloc(10 * 1024 * 1024 + 1, 7);
    oversize.set([0xff, 0xd8, 0xff]);
    const cases: [MultipartPart[], number, string, string][] = [
      [[photo(oversize)], 413, 'PAYLOAD_TOO_LARGE', 'photo'],
      [[photo(Buffer.from('definitely a picture'), 'cat.jpg')], 415, 'UNSUPPORTED_MEDIA_TYPE', 'photo'],
      [[photo(Buffer.concat([PNG_SIGNATURE, Buffer.alloc(2000, 0x6a)]), 'x.png')], 422, 'IMAGE_UNREADABLE', 'photo'],
      [[photo(pngBomb(20_000), 'bomb.png', 'image/png')], 422, 'IMAGE_TOO_MANY_PIXELS', 'photo'],
      [[{ name: 'caption', value: 'no photo' }], 422, 'VALIDATION_FAILED', 'photo'],
      [
        [photo(await plainImage('png')), { name: 'caption', value: 'x'.repeat(141) }],
        422,
        'VALIDATION_FAILED',
        'caption',
      ],
      [[photo(await plainImage('png')), { name: 'title', value: 'hi' }], 422, 'VALIDATION_FAILED', 'title'],
    ];
    for (const [parts, status, code, field] of cases) {
      const startedMs = Date.now();
      const response = await upload(leo, parts);
      expect(response.statusCode, code).toBe(status);
      expect(response.json().error.code).toBe(code);
      expect(response.json().error.fields).toHaveProperty(field);
      expect(Date.now() - startedMs, code).toBeLessThan(3000);
    }
    expect(await rowsOf(leo)).toEqual([]);
    expect(mediaFiles()).toEqual(filesBefore);
  });

  it('refuses a declared length over the cap before reading the body, and anything but multipart', async () => {
    const ana = await newUser();
    const early = await app.inject({
      method: 'POST',
      url: '/api/v1/me/photos',
      payload: Buffer.alloc(11 * 1024 * 1024),
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'x-test-user': ana },
    });
    expect(early.statusCode).toBe(413);
    const json = await app.inject({
      method: 'POST',
      url: '/api/v1/me/photos',
      payload: { photo: 'data:image/png;base64,AAAA' },
      headers: { 'x-test-user': ana },
    });
    expect(json.statusCode).toBe(415);
    expect((await upload(null, [photo(await plainImage('png'))])).statusCode).toBe(401);
  });

  it('refuses a caption with a phone number, naming the field', async () => {
    const zoe = await newUser();
    const response = await upload(zoe, [
      photo(await plainImage('jpeg')),
      { name: 'caption', value: 'call me 138 0013 8000' },
    ]);
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({
      code: 'CONTACT_INFO_PHONE',
      fields: { caption: expect.any(String) },
    });
    expect(await rowsOf(zoe)).toEqual([]);
  });

  it('keeps six photos at most, even when uploads race, and frees a slot on delete', async () => {
    const kai = await newUser();
    const image = await plainImage('png', 32, 32);
    const results = await Promise.all(Array.from({ length: 8 }, () => upload(kai, [photo(image, 'p.png')])));
    expect(results.map((result) => result.statusCode).sort()).toEqual([201, 201, 201, 201, 201, 201, 422, 422]);
    for (const refused of results.filter((result) => result.statusCode === 422))
      expect(refused.json().error.code).toBe('PHOTO_LIMIT');
    const rows = await rowsOf(kai);
    expect(rows.map((row) => row.position)).toEqual([0, 1, 2, 3, 4, 5]);
    const seventh = await upload(kai, [photo(image, 'p.png')]);
    expect(seventh.statusCode).toBe(422);
    expect(seventh.json().error).toMatchObject({ code: 'PHOTO_LIMIT', fields: { photo: expect.any(String) } });
    const keys = new Set((await rowsOf(kai)).map((row) => row.storage_key));
    expect(mediaFiles().filter((name) => keys.has(name))).toHaveLength(6);

    const third = rows[2]!;
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/v1/me/photos/${third.id}`,
      headers: { 'x-test-user': kai },
    });
    expect(deleted.statusCode).toBe(204);
    const again = await upload(kai, [photo(image, 'p.png')]);
    expect(again.statusCode).toBe(201);
    expect(again.json().position).toBe(2);
  });

  it('lets only the owner delete a photo; the file goes with it', async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const view = (await upload(owner, [photo(await plainImage('webp'), 'a.webp', 'image/webp')])).json();
    const key = (view.url as string).slice('/media/'.length);
    const remove = (userId: string, id: string = view.id) =>
      app.inject({ method: 'DELETE', url: `/api/v1/me/photos/${id}`, headers: { 'x-test-user': userId } });

    const byStranger = await remove(stranger);
    expect(byStranger.statusCode).toBe(404);
    expect(byStranger.json().error.code).toBe('NOT_FOUND');
    expect(mediaFiles()).toContain(key);
    expect((await app.inject({ method: 'GET', url: view.url })).statusCode).toBe(200);

    expect((await remove(owner)).statusCode).toBe(204);
    expect(mediaFiles()).not.toContain(key);
    expect(await rowsOf(owner)).toEqual([]);
    expect((await app.inject({ method: 'GET', url: view.url })).statusCode).toBe(404);
    expect((await remove(owner)).statusCode).toBe(404);
    expect((await remove(owner, 'not-a-uuid')).statusCode).toBe(404);
  });

  it('answers 404 for media it does not hold, whatever the key looks like', async () => {
    for (const url of [
      '/media/unknown',
      '/media/AAAAAAAAAAAAAAAAAAAAAAAA.webp',
      '/media/..%2F..%2Fetc%2Fpasswd',
      '/media/.tmp-x',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('exports the photos and erases rows and files', async () => {
    const eve = await newUser();
    const registry = new PrivacyRegistry();
    registerPhotosPrivacy(registry, storage);
    for (const caption of ['one', 'two'])
      await upload(eve, [photo(await plainImage('png')), { name: 'caption', value: caption }]);
    const keys = (await rowsOf(eve)).map((row) => row.storage_key);

    const exported = await registry.exportUser(database.db, eve);
    expect(exported.photos).toEqual([
      {
        id: expect.any(String),
        width: 64,
        height: 48,
        caption: 'one',
        created_at: expect.anything(),
        url: `/media/${keys[0]}`,
      },
      {
        id: expect.any(String),
        width: 64,
        height: 48,
        caption: 'two',
        created_at: expect.anything(),
        url: `/media/${keys[1]}`,
      },
    ]);

    await registry.eraseUser(database.db, eve);
    expect(await rowsOf(eve)).toEqual([]);
    for (const key of keys) expect(mediaFiles()).not.toContain(key);
    // Only this user's photos went; everyone else's are still there.
    expect((await database.db.selectFrom('photos').select('id').execute()).length).toBeGreaterThan(0);
  });
});
