/**
 * /settings/privacy: a switch per consent purpose, all off until turned on. A change shows at
 * once, is confirmed with a toast, and is undone on screen if the server could not save it.
 */
import {
  consentPurposes,
  sensitivePermissionPurposes,
  type ConsentPurpose,
  type ConsentView,
} from '@airtalk/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BackLink, Icon, List, LoadFailed, Loading, useToast } from '../../components';
import { isApiError, useDescribeError, useDocumentTitle, useNow, useResource } from '../../lib';
import { listConsents, setConsent } from './api';
import { ConsentSwitch } from './ConsentSwitch';
import './PrivacyPage.css';

const isDevicePermission = (consent: ConsentView) =>
  (sensitivePermissionPurposes as readonly ConsentPurpose[]).includes(consent.purpose);

/** The same order on every visit, whatever order the server lists them in. */
const byPurpose = (a: ConsentView, b: ConsentView) =>
  consentPurposes.indexOf(a.purpose) - consentPurposes.indexOf(b.purpose);

/** Failures that say when or how to try again are worth showing as they are. */
const isPassingTrouble = (error: unknown) =>
  isApiError(error) &&
  (error.code === 'RATE_LIMITED' || error.code === 'SERVER_BUSY' || error.code === 'NETWORK_FAILED');

export function PrivacyPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const describeError = useDescribeError();
  const now = useNow();
  const consents = useResource('consents', listConsents);
  const [saving, setSaving] = useState<ReadonlySet<ConsentPurpose>>(new Set());
  useDocumentTitle(t('consents.title'));

  const replace = (view: ConsentView) => {
    consents.update((current) => current.map((consent) => (consent.purpose === view.purpose ? view : consent)));
  };

  const change = async (purpose: ConsentPurpose, granted: boolean) => {
    const before = consents.data?.find((consent) => consent.purpose === purpose);
    if (!before) return;
    replace({ ...before, granted });
    setSaving((current) => new Set(current).add(purpose));
    const label = t(`consents.purposes.${purpose}.label`);
    try {
      replace(await setConsent(purpose, granted));
      toast(granted ? t('consents.turnedOn', { purpose: label }) : t('consents.turnedOff', { purpose: label }));
    } catch (error) {
      replace(before);
      toast(isPassingTrouble(error) ? describeError(error) : t('consents.saveFailed'), 'error');
    } finally {
      setSaving((current) => {
        const next = new Set(current);
        next.delete(purpose);
        return next;
      });
    }
  };

  const renderGroup = (heading: string, group: ConsentView[]) => (
    <List heading={heading}>
      {group.map((consent) => (
        <ConsentSwitch
          key={consent.purpose}
          consent={consent}
          now={now}
          saving={saving.has(consent.purpose)}
          onChange={(purpose, granted) => void change(purpose, granted)}
        />
      ))}
    </List>
  );

  const sorted = consents.data ? [...consents.data].sort(byPurpose) : undefined;
  return (
    <div className="page">
      <BackLink to="/settings">{t('settings.back')}</BackLink>
      <header className="page__header">
        <h1 className="page__title">{t('consents.title')}</h1>
        <p className="page__lead">{t('consents.lead')}</p>
      </header>
      {sorted ? (
        <>
          {renderGroup(t('consents.devicesHeading'), sorted.filter(isDevicePermission))}
          {renderGroup(
            t('consents.communicationHeading'),
            sorted.filter((consent) => !isDevicePermission(consent)),
          )}
        </>
      ) : consents.loading ? (
        <Loading />
      ) : (
        <LoadFailed
          message={t('consents.loadFailed')}
          detail={describeError(consents.error)}
          onRetry={consents.reload}
        />
      )}
      <p className="privacy__policy">
        <Icon name="fileText" />
        <span>
          {t('consents.policyNote')} <Link to="/policy">{t('consents.readPolicy')}</Link>
        </span>
      </p>
    </div>
  );
}
