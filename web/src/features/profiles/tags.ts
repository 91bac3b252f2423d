/**
 * The rules of a profile's interests and languages, as pure functions: tags are trimmed and
 * compared without case, curated interests are recognised in either UI language, and lists stop
 * at the contract's limits.
 */
import { curatedInterests, MAX_INTERESTS, TAG_MAX_LENGTH } from '@airtalk/contracts';
import { en } from '../../i18n/en';
import { zh } from '../../i18n/zh';

export type CuratedInterest = (typeof curatedInterests)[number];

export function isCuratedInterest(tag: string): tag is CuratedInterest {
  return (curatedInterests as readonly string[]).includes(tag);
}

/** What someone typed, tidied: no spaces around it, single spaces inside, no leading "#". */
export function normaliseTag(raw: string): string {
  return raw
    .replace(/^[\s#＃]+/u, '')
    .trim()
    .replace(/\s+/gu, ' ');
}

const tagKey = (tag: string) => normaliseTag(tag).toLocaleLowerCase();

/** Typing "Hiking", "hiking" or "徒步" picks the curated tag, so the same interest is stored once. */
const curatedByName: ReadonlyMap<string, CuratedInterest> = new Map(
  curatedInterests.flatMap((tag) =>
    [tag, tag.replace('_', ' '), en.interests[tag], zh.interests[tag]].map((name) => [tagKey(name), tag] as const),
  ),
);

export function curatedMatch(tag: string): CuratedInterest | undefined {
  return curatedByName.get(tagKey(tag));
}

export function sameTag(a: string, b: string): boolean {
  return tagKey(a) === tagKey(b);
}

export function hasTag(list: readonly string[], tag: string): boolean {
  return list.some((item) => sameTag(item, tag));
}

/** Adds or removes one tag; adding does nothing once the list is full. */
export function toggleTag(list: readonly string[], tag: string, max: number): string[] {
  if (hasTag(list, tag)) return list.filter((item) => !sameTag(item, tag));
  return list.length >= max ? [...list] : [...list, tag];
}

export type AddInterestResult =
  { ok: true; interests: string[]; tag: string } | { ok: false; problem: 'empty' | 'tooLong' | 'duplicate' | 'full' };

/** Adds a typed interest: tidied, matched to a curated tag when it names one, within the limits. */
export function addInterest(interests: readonly string[], raw: string): AddInterestResult {
  const typed = normaliseTag(raw);
  if (typed === '') return { ok: false, problem: 'empty' };
  const tag = curatedMatch(typed) ?? typed;
  if (tag.length > TAG_MAX_LENGTH) return { ok: false, problem: 'tooLong' };
  if (hasTag(interests, tag)) return { ok: false, problem: 'duplicate' };
  if (interests.length >= MAX_INTERESTS) return { ok: false, problem: 'full' };
  return { ok: true, interests: [...interests, tag], tag };
}
