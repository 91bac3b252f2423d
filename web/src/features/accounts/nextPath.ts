/** Where to go after signing in: the page that asked for it, if it is one of ours. */

const NEXT_PARAM = 'next';

/** Only same-site paths; "//evil.example" and "/\\evil.example" would leave the site. */
export function safeNextPath(search: string): string {
  const next = new URLSearchParams(search).get(NEXT_PARAM);
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

export function loginPathFor(returnTo: string): string {
  return returnTo === '/' ? '/login' : `/login?${NEXT_PARAM}=${encodeURIComponent(returnTo)}`;
}
