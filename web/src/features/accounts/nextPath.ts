/** Where to go after signing in: the page that asked for it, if it is one of ours. */

import { isSameSitePath } from '../../lib';

const NEXT_PARAM = 'next';

/** Only same-site paths: anything a browser could read as another host falls back to home. */
export function safeNextPath(search: string): string {
  const next = new URLSearchParams(search).get(NEXT_PARAM);
  return next !== null && isSameSitePath(next) ? next : '/';
}

export function loginPathFor(returnTo: string): string {
  return returnTo === '/' ? '/login' : `/login?${NEXT_PARAM}=${encodeURIComponent(returnTo)}`;
}
