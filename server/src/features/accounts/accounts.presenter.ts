/**
 * The signed-in user's own account, as sent to them. Never the password hash.
 */
import type { MeView } from '@airtalk/contracts';
import type { UserRow } from '../../platform/db/schema.js';

export function presentMe(user: UserRow, currentPolicyVersion: string): MeView {
  return {
    id: user.id,
    email: user.email,
    emailVerified: user.email_verified_at !== null,
    nickname: user.nickname,
    birthDate: user.birth_date,
    createdAt: new Date(user.created_at).toISOString(),
    policy: {
      acceptedVersion: user.policy_version,
      currentVersion: currentPolicyVersion,
      mustAccept: user.policy_version !== currentPolicyVersion,
    },
  };
}
