/**
 * All SQL of the photos table. A photo takes the lowest free slot (position) of its owner; the
 * unique (user_id, position) index makes the slot count the limit even under concurrent uploads.
 */
import type { Kysely } from 'kysely';
import type { Database, PhotoRow } from '../../platform/db/schema.js';
import { isUniqueViolation } from '../../platform/db/errors.js';

export class PhotosStore {
  constructor(private readonly db: Kysely<Database>) {}

  async listByUser(userId: string): Promise<PhotoRow[]> {
    return this.db.selectFrom('photos').selectAll().where('user_id', '=', userId).orderBy('position').execute();
  }

  /** The photos of several people, each person's in slot order. */
  async listByUsers(userIds: readonly string[]): Promise<PhotoRow[]> {
    if (userIds.length === 0) return [];
    return this.db
      .selectFrom('photos')
      .selectAll()
      .where('user_id', 'in', userIds)
      .orderBy('user_id')
      .orderBy('position')
      .execute();
  }

  async countByUser(userId: string): Promise<number> {
    const { count } = await this.db
      .selectFrom('photos')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  async find(id: string): Promise<PhotoRow | undefined> {
    return this.db.selectFrom('photos').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Inserts the photo in its owner's lowest free slot below maxPhotos; null when every slot is taken. */
  async insertInFreeSlot(photo: Omit<PhotoRow, 'position'>, maxPhotos: number): Promise<PhotoRow | null> {
    // A lost race means another upload took a slot, and there are only maxPhotos of them: after
    // maxPhotos + 1 attempts every slot is taken, so the loop ends with a row or null.
    for (let attempt = 1; ; attempt += 1) {
      const taken = await this.db
        .selectFrom('photos')
        .select('position')
        .where('user_id', '=', photo.user_id)
        .execute();
      const takenPositions = new Set(taken.map((row) => row.position));
      const position = Array.from({ length: maxPhotos }, (_, slot) => slot).find((slot) => !takenPositions.has(slot));
      if (position === undefined) return null;
      const row: PhotoRow = { ...photo, position };
      try {
        await this.db.insertInto('photos').values(row).execute();
        return row;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt > maxPhotos) throw error;
      }
    }
  }

  /** Deletes the photo if this user owns it; the deleted row, or undefined. */
  async deleteOwned(id: string, userId: string): Promise<PhotoRow | undefined> {
    return this.db
      .deleteFrom('photos')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirst();
  }
}
