/** Reminds a signed-in person to confirm their email, with a button to send the link again. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Button, useToast } from '../../components';
import { useDescribeError } from '../../lib';
import { resendVerificationEmail } from './api';
import { useMe } from './AuthProvider';

export function VerifyEmailBanner() {
  const { t } = useTranslation();
  const me = useMe();
  const toast = useToast();
  const describeError = useDescribeError();
  const [sending, setSending] = useState(false);

  if (me.emailVerified) return null;

  const resend = async () => {
    setSending(true);
    try {
      await resendVerificationEmail();
      toast(t('home.resent', { email: me.email }));
    } catch (error) {
      toast(describeError(error), 'error');
    } finally {
      setSending(false);
    }
  };

  return (
    <Banner
      tone="warning"
      icon="mail"
      title={t('home.verifyTitle')}
      action={
        <Button variant="secondary" size="sm" loading={sending} onClick={() => void resend()}>
          {t('home.resend')}
        </Button>
      }
    >
      {t('home.verifyBody', { email: me.email })}
    </Banner>
  );
}
