/** The current privacy policy in the UI language; switching language fetches that translation. */
import type { PolicyView } from '@airtalk/contracts';
import { useLanguage } from '../../i18n';
import { useResource, type Resource } from '../../lib';
import { fetchPolicy } from './api';

export function usePolicy(): Resource<PolicyView> {
  const { language } = useLanguage();
  return useResource(`policy:${language}`, (signal) => fetchPolicy(language, signal));
}
