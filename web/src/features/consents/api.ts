/** The consent ledger as the signed-in person sees it: one switch per purpose. */
import { ConsentListViewSchema, ConsentViewSchema, type ConsentPurpose, type ConsentView } from '@airtalk/contracts';
import { requestJson } from '../../lib';

export async function listConsents(signal?: AbortSignal): Promise<ConsentView[]> {
  const { consents } = await requestJson('/api/v1/me/consents', ConsentListViewSchema, signal ? { signal } : {});
  return consents;
}

export function setConsent(purpose: ConsentPurpose, granted: boolean): Promise<ConsentView> {
  return requestJson(`/api/v1/me/consents/${purpose}`, ConsentViewSchema, { method: 'PUT', body: { granted } });
}
