/**
 * Accounts: the public face other features use.
 */
export { AccountsService } from './accounts.service.js';
export type { RequestContext, SignedIn } from './accounts.service.js';
export { AccountsStore } from './accounts.store.js';
export { registerAccountRoutes } from './accounts.routes.js';
export { registerAccountsPrivacy } from './accounts.privacy.js';
export { isGuessablePassword } from './password-strength.js';
