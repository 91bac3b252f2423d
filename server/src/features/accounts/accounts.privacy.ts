/**
 * Accounts in the privacy registry. The users row is registered first, so it is erased last.
 */
import type { PrivacyRegistry } from '../../platform/privacy/registry.js';
import type { CachingAccountsStore } from './accounts.store-cache.js';

export function registerAccountsPrivacy(registry: PrivacyRegistry, store: CachingAccountsStore): void {
  registry.register({
    feature: 'accounts',
    table: 'users',
    userColumn: 'id',
    description:
      'Email, nickname, birth date, language, verification and policy version. The password hash is a secret, not exported.',
    exportRows: (db, userId) =>
      db
        .selectFrom('users')
        .select([
          'id',
          'email',
          'email_verified_at',
          'nickname',
          'birth_date',
          'policy_version',
          'language',
          'created_at',
          'updated_at',
        ])
        .where('id', '=', userId)
        .execute(),
    erase: async (db, userId) => {
      await db.deleteFrom('users').where('id', '=', userId).execute();
    },
    afterErase: (userId) => store.forgetUser(userId),
  });
  registry.register({
    feature: 'accounts',
    table: 'policy_acceptances',
    userColumn: 'user_id',
    description: 'Which privacy policy versions the user accepted, and when.',
    exportRows: (db, userId) =>
      db.selectFrom('policy_acceptances').select(['version', 'accepted_at']).where('user_id', '=', userId).execute(),
    erase: async (db, userId) => {
      await db.deleteFrom('policy_acceptances').where('user_id', '=', userId).execute();
    },
  });
  registry.register({
    feature: 'accounts',
    table: 'email_tokens',
    userColumn: 'user_id',
    description: 'Verification and reset links sent by email (hashed), the address they went to, and their use.',
    exportRows: (db, userId) =>
      db
        .selectFrom('email_tokens')
        .select(['purpose', 'email', 'created_at', 'expires_at', 'used_at'])
        .where('user_id', '=', userId)
        .execute(),
    erase: async (db, userId) => {
      await db.deleteFrom('email_tokens').where('user_id', '=', userId).execute();
    },
  });
}
