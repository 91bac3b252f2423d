/**
 * /reset-password?token=…: chooses a new password. The token leaves the address bar at once
 * (it should not linger in history or be shared by copying the URL). Success ends every session.
 */
import { NewPasswordSchema, translateFieldMessage } from '@airtalk/contracts';
import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { Banner, Button, ButtonLink, FormAlert, PasswordField, useToast } from '../../components';
import { useLanguage } from '../../i18n';
import { checkField, useFormErrors } from '../../lib';
import { confirmPasswordReset } from './api';
import { useAuth } from './AuthProvider';
import { AuthPage } from './AuthPage';

const FIELDS = ['password', 'token'] as const;

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { endSession } = useAuth();
  const toast = useToast();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const [token] = useState(() => searchParams.get('token') ?? '');
  const { attachForm, ...form } = useFormErrors(FIELDS);
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    if (searchParams.has('token')) setSearchParams({}, { replace: true });
  }, [searchParams, setSearchParams]);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    if (form.reject({ password: checkField(NewPasswordSchema, password, language) })) return;
    setSubmitting(true);
    try {
      await confirmPasswordReset(token, password);
      toast(t('reset.done'));
      // Every session has ended, this one included.
      endSession('/login');
      void navigate('/login', { replace: true });
    } catch (error) {
      setSubmitting(false);
      form.showFailure(error, (fields, apiError) => {
        if (apiError.code === 'TOKEN_INVALID') fields.token ??= translateFieldMessage('token.invalid', language);
      });
    }
  };

  const askAgain = (
    <ButtonLink to="/forgot-password" variant="secondary" block>
      {t('reset.askAgain')}
    </ButtonLink>
  );

  if (!token || form.errors.token) {
    return (
      <AuthPage title={t('reset.title')}>
        <div className="stack" role="alert">
          <Banner tone="danger" title={form.errors.token ?? t('reset.missingToken')} />
          {askAgain}
        </div>
      </AuthPage>
    );
  }

  return (
    <AuthPage title={t('reset.title')} lead={t('reset.lead')}>
      <form ref={attachForm} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <PasswordField
          label={t('reset.password')}
          hint={t('password.hint')}
          name="password"
          autoComplete="new-password"
          required
          value={password}
          error={form.errors.password}
          onChange={(event) => {
            setPassword(event.target.value);
            form.setFieldError('password', undefined);
          }}
        />
        {form.formError && <FormAlert>{form.formError}</FormAlert>}
        <Button type="submit" block loading={submitting}>
          {t('reset.submit')}
        </Button>
      </form>
    </AuthPage>
  );
}
