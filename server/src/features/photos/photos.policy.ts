/**
 * Who may do what with a photo. The only place that decides it.
 */

export interface PhotoAccess {
  actorId: string;
  ownerId: string;
}

/** Only the owner changes or deletes a photo; to anyone else it does not exist (404, not 403). */
export function canManagePhoto(access: PhotoAccess): boolean {
  return access.actorId === access.ownerId;
}
