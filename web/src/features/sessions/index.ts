/** Sessions: the devices signed in to an account, shown on the security settings page. */
export { SecurityPage } from './SecurityPage';
