/** Where someone's profile is in the app. */
export function profilePath(userId: string): string {
  return `/users/${encodeURIComponent(userId)}`;
}
