/**
 * /verify-email?token=…: confirms the address as soon as the page opens, signed in or not.
 * A token can be used once, so the request is shared even if the page mounts twice.
 */
import { translateFieldMessage } from '@airtalk/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Banner, Button, ButtonLink, Loading } from '../../components';
import { useLanguage } from '../../i18n';
import { isApiError, useDescribeError, useResource } from '../../lib';
import { verifyEmail } from './api';
import { useAuth } from './AuthProvider';
import { AuthPage } from './AuthPage';

const verifications = new Map<string, Promise<true>>();

function verifyEmailOnce(token: string): Promise<true> {
  let verification = verifications.get(token);
  if (!verification) {
    verification = verifyEmail(token).then(
      () => true as const,
      (error: unknown) => {
        // Failures are not kept, so "Try again" after a network problem really tries again.
        verifications.delete(token);
        throw error;
      },
    );
    verifications.set(token, verification);
  }
  return verification;
}

export function VerifyEmailPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const describeError = useDescribeError();
  const { me, refresh } = useAuth();
  const [searchParams, setSearchParams] = useSearchParams();
  const [token] = useState(() => searchParams.get('token') ?? '');
  const result = useResource(`verify:${token}`, () =>
    token ? verifyEmailOnce(token) : Promise.reject(new Error('missing token')),
  );
  const verified = result.data === true;
  const signedInUnverified = me?.emailVerified === false;

  useEffect(() => {
    if (searchParams.has('token')) setSearchParams({}, { replace: true });
  }, [searchParams, setSearchParams]);

  useEffect(() => {
    // The home screen's "confirm your email" banner should disappear without a reload.
    if (verified && signedInUnverified) void refresh().catch(() => undefined);
  }, [verified, signedInUnverified, refresh]);

  const next = me ? (
    <ButtonLink to="/" block>
      {t('verify.continue')}
    </ButtonLink>
  ) : (
    <ButtonLink to="/login" block>
      {t('common.signIn')}
    </ButtonLink>
  );

  if (result.loading) {
    return (
      <AuthPage title={t('verify.title')}>
        <Loading label={t('verify.working')} />
      </AuthPage>
    );
  }

  if (verified) {
    return (
      <AuthPage title={t('verify.title')}>
        <div className="stack" role="status">
          <Banner tone="success" icon="check" title={t('verify.successTitle')}>
            {t('verify.successBody')}
          </Banner>
          {next}
        </div>
      </AuthPage>
    );
  }

  const linkIsBad =
    !token || (isApiError(result.error) && (result.error.code === 'TOKEN_INVALID' || result.error.status === 422));
  return (
    <AuthPage title={t('verify.title')}>
      <div className="stack" role="alert">
        <Banner tone="danger" title={t('verify.failedTitle')}>
          <p>{linkIsBad ? translateFieldMessage('token.invalid', language) : describeError(result.error)}</p>
          {linkIsBad && <p>{t('verify.askAgain')}</p>}
        </Banner>
        {linkIsBad ? (
          next
        ) : (
          <Button block onClick={result.reload}>
            {t('common.retry')}
          </Button>
        )}
      </div>
    </AuthPage>
  );
}
