/**
 * The only place that decides who may do what in 1:1 chat. Services fetch the facts (membership,
 * blocks, the message) and ask here.
 */
import { RECALL_WINDOW_MS } from '@airtalk/contracts';
import type { ChatMessageRow } from '../../platform/db/schema.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Accounts younger than this start few conversations a day: fresh accounts are the spammers' tool. */
export const NEW_ACCOUNT_AGE_MS = 7 * DAY_MS;
export const FIRST_CONTACTS_PER_DAY_NEW_ACCOUNT = 20;
export const FIRST_CONTACTS_PER_DAY = 100;
export const FIRST_CONTACT_WINDOW_MS = DAY_MS;

/** A member may send while the other account exists and no block stands between them. */
export function maySend(peerExists: boolean, canInteract: boolean): boolean {
  return peerExists && canInteract;
}

/** How many new conversations an account may start within a day. */
export function firstContactAllowance(accountAgeMs: number): number {
  return accountAgeMs < NEW_ACCOUNT_AGE_MS ? FIRST_CONTACTS_PER_DAY_NEW_ACCOUNT : FIRST_CONTACTS_PER_DAY;
}

export type RecallVerdict = 'allowed' | 'notSender' | 'notRecallable' | 'tooLate';

export function recallVerdict(message: ChatMessageRow, userId: string, nowMs: number): RecallVerdict {
  if (message.sender_id !== userId) return 'notSender';
  if (message.kind === 'system' || message.recalled_at !== null) return 'notRecallable';
  if (nowMs - message.created_at > RECALL_WINDOW_MS) return 'tooLate';
  return 'allowed';
}

/** Chat media is private: its uploader, and the people of a conversation that holds it. */
export function maySeeMedia(isOwner: boolean, inConversationWithIt: boolean): boolean {
  return isOwner || inConversationWithIt;
}
