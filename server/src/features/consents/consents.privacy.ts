/**
 * The consent ledger in the privacy registry. Erasing an account erases its ledger too:
 * with no account left there is nothing the records could prove consent for (docs/adr/0003).
 */
import type { PrivacyRegistry } from '../../platform/privacy/registry.js';

export function registerConsentsPrivacy(registry: PrivacyRegistry): void {
  registry.register({
    feature: 'consents',
    table: 'consent_events',
    userColumn: 'user_id',
    description: 'Every grant and withdrawal of a consent, with time, policy version and source.',
    exportRows: (db, userId) =>
      db
        .selectFrom('consent_events')
        .select(['purpose', 'granted', 'policy_version', 'source', 'created_at'])
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute(),
    erase: async (db, userId) => {
      await db.deleteFrom('consent_events').where('user_id', '=', userId).execute();
    },
  });
}
