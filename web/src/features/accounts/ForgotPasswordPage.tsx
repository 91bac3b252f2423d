/**
 * /forgot-password: asks for a reset link. The answer never says whether an account exists,
 * so the confirmation is worded the same either way.
 */
import { EmailSchema } from '@airtalk/contracts';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Button, ButtonLink, FormAlert } from '../../components';
import { useLanguage } from '../../i18n';
import { checkField, useFormErrors } from '../../lib';
import { requestPasswordReset } from './api';
import { AuthPage } from './AuthPage';
import { EmailField } from './EmailField';

const FIELDS = ['email'] as const;

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { attachForm, ...form } = useFormErrors(FIELDS);
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const address = email.trim();
    if (form.reject({ email: checkField(EmailSchema, address, language) })) return;
    setSubmitting(true);
    try {
      await requestPasswordReset(address);
      setSentTo(address);
    } catch (error) {
      form.showFailure(error);
    } finally {
      setSubmitting(false);
    }
  };

  const backToSignIn = (
    <ButtonLink to="/login" variant={sentTo ? 'primary' : 'ghost'} block>
      {t('forgot.backToSignIn')}
    </ButtonLink>
  );

  if (sentTo) {
    return (
      <AuthPage title={t('forgot.title')}>
        <div className="stack" role="status">
          <Banner tone="success" icon="mail" title={t('forgot.sentTitle')}>
            {t('forgot.sentBody', { email: sentTo })}
          </Banner>
          {backToSignIn}
        </div>
      </AuthPage>
    );
  }

  return (
    <AuthPage title={t('forgot.title')} lead={t('forgot.lead')}>
      <form ref={attachForm} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <EmailField
          label={t('forgot.email')}
          value={email}
          error={form.errors.email}
          onChange={(event) => {
            setEmail(event.target.value);
            form.setFieldError('email', undefined);
          }}
        />
        {form.formError && <FormAlert>{form.formError}</FormAlert>}
        <div className="form__footer">
          <Button type="submit" block loading={submitting}>
            {t('forgot.submit')}
          </Button>
          {backToSignIn}
        </div>
      </form>
    </AuthPage>
  );
}
