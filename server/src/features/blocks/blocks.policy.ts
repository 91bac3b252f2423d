/**
 * Whether two people may interact at all. Every feature that lets one user reach another
 * (profiles, nearby, chat, calls, gifts, rooms) asks `canInteract` and nothing else.
 */

/** What decides it: whether either blocked the other. Kept as data so the rule is testable alone. */
export interface BlockRelation {
  aBlockedB: boolean;
  bBlockedA: boolean;
}

/** Nobody interacts with someone who blocked them or whom they blocked. */
export function mayInteract(relation: BlockRelation): boolean {
  return !relation.aBlockedB && !relation.bBlockedA;
}
