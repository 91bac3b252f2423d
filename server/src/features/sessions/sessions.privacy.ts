/**
 * Sessions and known devices in the privacy registry.
 */
import type { PrivacyRegistry } from '../../platform/privacy/registry.js';
import type { SessionsService } from './sessions.service.js';

export function registerSessionsPrivacy(registry: PrivacyRegistry, sessions: SessionsService): void {
  // Sessions deleted by an erasure still in progress, to drop from every node's cache once it commits.
  const erasedSessionIds = new Map<string, string[]>();
  registry.register({
    feature: 'sessions',
    table: 'sessions',
    userColumn: 'user_id',
    description: 'Signed-in sessions: browser, OS, language, coarse IP, times.',
    exportRows: (db, userId) =>
      db
        .selectFrom('sessions')
        .select(['id', 'browser', 'os', 'language', 'coarse_ip', 'created_at', 'last_seen_at', 'expires_at'])
        .where('user_id', '=', userId)
        .execute(),
    erase: async (db, userId) => {
      const ended = await db.deleteFrom('sessions').where('user_id', '=', userId).returning('id').execute();
      erasedSessionIds.set(
        userId,
        ended.map((row) => row.id),
      );
    },
    afterErase: async (userId) => {
      const ended = erasedSessionIds.get(userId) ?? [];
      erasedSessionIds.delete(userId);
      await sessions.forget(userId, ended);
    },
  });
  registry.register({
    feature: 'sessions',
    table: 'known_devices',
    userColumn: 'user_id',
    description: 'Hashes of device cookies seen at sign-in, to warn about unknown devices.',
    exportRows: (db, userId) =>
      db.selectFrom('known_devices').select(['first_seen_at', 'last_seen_at']).where('user_id', '=', userId).execute(),
    erase: async (db, userId) => {
      await db.deleteFrom('known_devices').where('user_id', '=', userId).execute();
    },
  });
}
