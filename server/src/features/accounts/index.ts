/**
 * Accounts: the public face other features use.
 */
export { AccountsService } from './accounts.service.js';
export type { RequestContext, SignedIn } from './accounts.service.js';
export { AccountsStore } from './accounts.store.js';
export { CachingAccountsStore, USER_CHANGED_TOPIC, type UserChangedEvent } from './accounts.store-cache.js';
export { registerAccountRoutes } from './accounts.routes.js';
export { registerAccountsPrivacy } from './accounts.privacy.js';
export { isGuessablePassword } from './password-strength.js';
