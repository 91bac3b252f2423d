/**
 * Media on the local disk, one file per key in one folder (DATA_DIR/media). Writes go to a
 * temporary file first and are renamed into place, so a reader never sees half a file and a
 * crash leaves at worst a stray temporary file, never a truncated image under a real key.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { assertMediaKey, contentTypeOfKey, type MediaStorage, type StoredMedia } from './media-storage.js';

function isErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

export class LocalDiskStorage implements MediaStorage {
  private ready: Promise<void> | undefined;

  constructor(readonly rootDir: string) {}

  /** The folder where media of a data directory lives. */
  static forDataDir(dataDir: string): LocalDiskStorage {
    return new LocalDiskStorage(path.join(dataDir, 'media'));
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    const expectedType = this.pathAndType(key).contentType;
    // The type is derived from the key when read back, so a mismatch would serve a lie later.
    if (contentType !== expectedType) throw new Error(`Media ${key} must be ${expectedType}, not ${contentType}.`);
    await this.ensureRoot();
    const finalPath = this.pathAndType(key).filePath;
    // Starts with a dot and has no media extension, so no key can ever name a temporary file.
    const tempPath = path.join(this.rootDir, `.tmp-${randomBytes(9).toString('base64url')}`);
    const file = await fs.open(tempPath, 'wx', 0o600);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } catch (error) {
      await file.close();
      await fs.rm(tempPath, { force: true });
      throw error;
    }
    await file.close();
    try {
      await fs.rename(tempPath, finalPath);
    } catch (error) {
      await fs.rm(tempPath, { force: true });
      throw error;
    }
  }

  async read(key: string): Promise<StoredMedia | null> {
    const { filePath, contentType } = this.pathAndType(key);
    try {
      return { bytes: await fs.readFile(filePath), contentType };
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathAndType(key).filePath, { force: true });
  }

  private pathAndType(key: string): { filePath: string; contentType: string } {
    assertMediaKey(key);
    const contentType = contentTypeOfKey(key);
    if (contentType === null) throw new Error('unreachable: a valid key has a content type');
    return { filePath: path.join(this.rootDir, key), contentType };
  }

  private ensureRoot(): Promise<void> {
    this.ready ??= fs.mkdir(this.rootDir, { recursive: true, mode: 0o700 }).then(
      () => undefined,
      (error: unknown) => {
        this.ready = undefined;
        throw error;
      },
    );
    return this.ready;
  }
}
