/**
 * Who may see a profile. The only place that decides it.
 */

export interface ProfileAccess {
  viewerId: string;
  ownerId: string;
  /** From blocks.canInteract: false when either blocked the other. */
  mayInteract: boolean;
}

/** Signed-in people see each other's profiles unless a block stands between them; everyone sees their own. */
export function canViewProfile(access: ProfileAccess): boolean {
  return access.viewerId === access.ownerId || access.mayInteract;
}
