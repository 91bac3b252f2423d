/**
 * Presence in the privacy registry: when a user was last seen, and their live connections.
 */
import type { PrivacyRegistry } from '../../platform/privacy/registry.js';

export function registerPresencePrivacy(registry: PrivacyRegistry): void {
  registry.register({
    feature: 'presence',
    table: 'last_seen',
    userColumn: 'user_id',
    description: 'When the user was last connected, shown to people they chat with.',
    exportRows: (db, userId) =>
      db.selectFrom('last_seen').select('last_seen_at').where('user_id', '=', userId).execute(),
    erase: async (db, userId) => {
      await db.deleteFrom('last_seen').where('user_id', '=', userId).execute();
    },
  });
  registry.register({
    feature: 'presence',
    table: 'presence_connections',
    userColumn: 'user_id',
    description: 'How many live connections the user has on each server node, while connected.',
    exportRows: (db, userId) =>
      db
        .selectFrom('presence_connections')
        .select(['connections', 'updated_at'])
        .where('user_id', '=', userId)
        .execute(),
    erase: async (db, userId) => {
      await db.deleteFrom('presence_connections').where('user_id', '=', userId).execute();
    },
  });
}
