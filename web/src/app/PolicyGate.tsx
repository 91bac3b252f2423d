/**
 * Shown instead of every page while the signed-in person has not accepted the current privacy
 * policy: the new text, "Accept and continue", or signing out.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, FormAlert, LoadFailed, Loading, useToast } from '../components';
import { acceptPolicy, useAuth } from '../features/accounts';
import { PolicyDocument, usePolicy } from '../features/policy';
import { isApiError, useDescribeError, useDocumentTitle } from '../lib';

export function PolicyGate() {
  const { t } = useTranslation();
  const { setMe, signOut } = useAuth();
  const toast = useToast();
  const describeError = useDescribeError();
  const policy = usePolicy();
  const [accepting, setAccepting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(t('policy.gateTitle'));

  const accept = async (version: string) => {
    setAccepting(true);
    setError(null);
    try {
      const me = await acceptPolicy(version);
      toast(t('policy.accepted', { version }));
      setMe(me);
    } catch (failure) {
      setAccepting(false);
      // A newer version appeared while reading: show it, and let the person read again.
      if (isApiError(failure) && failure.status === 422) policy.reload();
      const fieldMessage = isApiError(failure) ? Object.values(failure.fields)[0] : undefined;
      setError(fieldMessage ?? describeError(failure));
    }
  };

  return (
    <div className="page policy-gate">
      <header className="page__header">
        <h1 className="page__title">{t('policy.gateTitle')}</h1>
        {policy.data && <p className="page__lead">{t('policy.gateBody', { version: policy.data.version })}</p>}
      </header>
      {policy.data ? (
        <>
          <div className="policy-gate__document" tabIndex={0} aria-label={policy.data.title}>
            <PolicyDocument policy={policy.data} />
          </div>
          {error && <FormAlert>{error}</FormAlert>}
          <div className="policy-gate__actions">
            <Button loading={accepting} onClick={() => void accept(policy.data?.version ?? '')}>
              {t('policy.gateAccept')}
            </Button>
            <Button variant="secondary" onClick={() => void signOut('/').catch(() => undefined)}>
              {t('policy.gateDecline')}
            </Button>
          </div>
        </>
      ) : policy.loading ? (
        <Loading />
      ) : (
        <LoadFailed message={t('policy.loadFailed')} detail={describeError(policy.error)} onRetry={policy.reload} />
      )}
    </div>
  );
}
