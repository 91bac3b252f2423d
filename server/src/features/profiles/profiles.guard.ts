/**
 * The contact-info guard on everything others can see of a profile: the first field that holds a
 * phone number, email, QQ, WeChat or messenger handle is refused with its kind, and nothing is saved.
 */
import { detectContactInfo, type ContactInfoFinding, type UpdateProfileInput } from '@airtalk/contracts';

export type GuardFinding = ContactInfoFinding & { field: string };

/** The visible text of an update, field by field ("interests.2" for the third tag). */
function visibleTexts(input: UpdateProfileInput): [string, string][] {
  const texts: [string, string][] = [];
  if (input.nickname !== undefined) texts.push(['nickname', input.nickname]);
  if (input.bio !== undefined) texts.push(['bio', input.bio]);
  if (input.city !== undefined && input.city !== null) texts.push(['city', input.city]);
  input.interests?.forEach((tag, index) => texts.push([`interests.${index}`, tag]));
  return texts;
}

export function findContactInfo(input: UpdateProfileInput): GuardFinding | null {
  for (const [field, text] of visibleTexts(input)) {
    const finding = detectContactInfo(text);
    if (finding) return { ...finding, field };
  }
  return null;
}
