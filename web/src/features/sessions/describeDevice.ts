/** How a session's device is named on screen: "Firefox on Linux", or whatever part is known. */
import type { SessionView } from '@airtalk/contracts';
import type { TFunction } from 'i18next';

export function describeDevice(session: SessionView, t: TFunction): string {
  const { browser, os } = session;
  if (browser && os) return t('sessions.device', { browser, os });
  return browser ?? os ?? t('sessions.unknownDevice');
}

const PHONE_SYSTEMS = /android|ios|iphone|ipad|harmony/i;

export function isPhone(session: SessionView): boolean {
  return PHONE_SYSTEMS.test(session.os ?? '');
}
