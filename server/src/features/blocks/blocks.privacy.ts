/**
 * Blocks in the privacy registry: the blocks a user made are theirs; blocks others made of them
 * are the others' data and are erased only with the account, through the foreign key.
 */
import type { PrivacyRegistry } from '../../platform/privacy/registry.js';

export function registerBlocksPrivacy(registry: PrivacyRegistry): void {
  registry.register({
    feature: 'blocks',
    table: 'blocks',
    userColumn: 'blocker_id',
    description: 'The people a user blocked, and when.',
    exportRows: (db, userId) =>
      db.selectFrom('blocks').select(['blocked_id', 'created_at']).where('blocker_id', '=', userId).execute(),
    erase: async (db, userId) => {
      await db
        .deleteFrom('blocks')
        .where((eb) => eb.or([eb('blocker_id', '=', userId), eb('blocked_id', '=', userId)]))
        .execute();
    },
  });
}
