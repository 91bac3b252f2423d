import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from './local-disk-storage.js';
import { InvalidMediaKeyError, contentTypeOfKey, isMediaKey, newMediaKey } from './media-storage.js';

describe('media keys', () => {
  it('accepts only server-made names with a known extension', () => {
    expect(isMediaKey(newMediaKey('webp'))).toBe(true);
    expect(isMediaKey('abc_DEF-123.jpg')).toBe(true);
    for (const key of [
      '',
      '.webp',
      '../x.webp',
      'a/b.webp',
      'a.b.webp',
      'x.png',
      'x.webp.',
      'x.WEBP',
      'é.webp',
      'x.webp\n',
    ])
      expect(isMediaKey(key), key).toBe(false);
    expect(contentTypeOfKey('a.webp')).toBe('image/webp');
    expect(contentTypeOfKey('a.jpg')).toBe('image/jpeg');
    expect(contentTypeOfKey('a.gif')).toBeNull();
  });

  it('makes a different, unguessable key every time', () => {
    const keys = new Set(Array.from({ length: 100 }, () => newMediaKey('webp')));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{24}\.webp$/);
  });
});

describe('LocalDiskStorage', () => {
  let dataDir: string;
  let storage: LocalDiskStorage;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'airtalk-media-'));
    storage = LocalDiskStorage.forDataDir(dataDir);
  });
  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps, reads back and deletes bytes under DATA_DIR/media', async () => {
    const key = newMediaKey('webp');
    await storage.put(key, Buffer.from('RIFF....WEBP'), 'image/webp');
    expect(fs.readdirSync(path.join(dataDir, 'media'))).toEqual([key]);
    expect(await storage.read(key)).toEqual({ bytes: Buffer.from('RIFF....WEBP'), contentType: 'image/webp' });
    await storage.delete(key);
    expect(await storage.read(key)).toBeNull();
    await storage.delete(key);
    expect(fs.readdirSync(path.join(dataDir, 'media'))).toEqual([]);
  });

  it('replaces a file whole and leaves no temporary file behind', async () => {
    const key = newMediaKey('jpg');
    await storage.put(key, Buffer.alloc(1000, 1), 'image/jpeg');
    await storage.put(key, Buffer.alloc(10, 2), 'image/jpeg');
    expect((await storage.read(key))?.bytes).toEqual(Buffer.alloc(10, 2));
    expect(fs.readdirSync(path.join(dataDir, 'media'))).toEqual([key]);
  });

  it('refuses any key it could not have made, before touching the disk', async () => {
    fs.writeFileSync(path.join(dataDir, 'secret.webp'), 'outside');
    for (const key of ['../secret.webp', '/etc/passwd', 'a/../../secret.webp', '.tmp-x', 'x.png']) {
      await expect(storage.read(key)).rejects.toBeInstanceOf(InvalidMediaKeyError);
      await expect(storage.put(key, Buffer.from('x'), 'image/webp')).rejects.toBeInstanceOf(InvalidMediaKeyError);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidMediaKeyError);
    }
    expect(fs.readFileSync(path.join(dataDir, 'secret.webp'), 'utf8')).toBe('outside');
  });

  it('refuses a content type the key does not promise', async () => {
    await expect(storage.put(newMediaKey('webp'), Buffer.from('x'), 'text/html')).rejects.toThrow(/image\/webp/);
  });
});
