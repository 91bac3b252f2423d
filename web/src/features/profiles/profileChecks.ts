/**
 * The profile form's checks before sending, in the UI language: the contract's limits and the
 * shared contact-info guard, so people see the server's words under the field before they submit.
 */
import {
  BIO_MAX_LENGTH,
  CITY_MAX_LENGTH,
  detectContactInfo,
  NicknameSchema,
  translateFieldMessage,
  type Language,
} from '@airtalk/contracts';
import { checkField } from '../../lib';

/** The guard's message for text holding a phone number, email, QQ, WeChat or messenger handle. */
export function contactInfoMessage(text: string, language: Language): string | undefined {
  const finding = detectContactInfo(text);
  return finding ? translateFieldMessage(finding.messageKey, language) : undefined;
}

function checkLength(value: string, max: number, language: Language): string | undefined {
  return value.trim().length > max ? translateFieldMessage('field.tooLong', language) : undefined;
}

export function checkNickname(value: string, language: Language): string | undefined {
  return checkField(NicknameSchema, value, language) ?? contactInfoMessage(value, language);
}

export function checkBio(value: string, language: Language): string | undefined {
  return checkLength(value, BIO_MAX_LENGTH, language) ?? contactInfoMessage(value, language);
}

export function checkCity(value: string, language: Language): string | undefined {
  return checkLength(value, CITY_MAX_LENGTH, language) ?? contactInfoMessage(value, language);
}

export interface InterestProblem {
  index: number;
  tag: string;
  message: string;
}

/** The interests that hold contact details (free tags can), the first one's message to show. */
export function checkInterests(interests: readonly string[], language: Language): InterestProblem[] {
  return interests.flatMap((tag, index) => {
    const message = contactInfoMessage(tag, language);
    return message ? [{ index, tag, message }] : [];
  });
}
