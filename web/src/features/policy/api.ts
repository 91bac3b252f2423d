/** The published privacy policy, in the reader's language. */
import { PolicyViewSchema, type Language, type PolicyView } from '@airtalk/contracts';
import { requestJson } from '../../lib';

export function fetchPolicy(language: Language, signal?: AbortSignal): Promise<PolicyView> {
  return requestJson(`/api/v1/policy?lang=${language}`, PolicyViewSchema, signal ? { signal } : {});
}
