/**
 * The public page form's pure rules: the handle's checks in the UI language (the contract's
 * pattern, then the shared contact-info guard, as the server does), the page's address, the
 * chosen fields in a stable order, and which confirmation a save deserves.
 */
import { HandleSchema, publicFields, type Language, type PublicField, type PublicationView } from '@airtalk/contracts';
import { checkField } from '../../lib';
import { contactInfoMessage } from './profileChecks';

/** What people type becomes what is sent: no surrounding spaces, and lowercase (phones capitalise). */
export function normalizeHandle(value: string): string {
  return value.trim().toLowerCase();
}

export function checkHandle(value: string, language: Language): string | undefined {
  return checkField(HandleSchema, value, language) ?? contactInfoMessage(value, language);
}

/** `<origin>/u/<handle>`, without a doubled slash; an empty handle leaves the address open at the end. */
export function publicPageAddress(origin: string, handle: string): string {
  return `${origin.replace(/\/+$/, '')}/u/${encodeURIComponent(handle)}`;
}

/** Adds or removes a field, keeping the order of `publicFields` whatever order they were ticked in. */
export function toggleField(chosen: readonly PublicField[], field: PublicField, on: boolean): PublicField[] {
  return publicFields.filter((candidate) => (candidate === field ? on : chosen.includes(candidate)));
}

export type SavedOutcome = 'published' | 'updated' | 'unpublished' | 'saved';

/** Going live, changing a live page, taking it down, or keeping a page that was never public. */
export function savedOutcome(
  before: Pick<PublicationView, 'published'>,
  after: Pick<PublicationView, 'published'>,
): SavedOutcome {
  if (after.published) return before.published ? 'updated' : 'published';
  return before.published ? 'unpublished' : 'saved';
}
