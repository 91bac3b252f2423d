/** /login: email and password; wrong credentials and rate limits are said plainly above the button. */
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, FormAlert, PasswordField } from '../../components';
import { useLanguage } from '../../i18n';
import { requireValue, useFormErrors } from '../../lib';
import { login } from './api';
import { useAuth } from './AuthProvider';
import { AuthPage } from './AuthPage';
import { EmailField } from './EmailField';

const FIELDS = ['email', 'password'] as const;

export function LoginPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { setMe } = useAuth();
  const { attachForm, ...form } = useFormErrors(FIELDS);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const problems = form.reject({ email: requireValue(email, language), password: requireValue(password, language) });
    if (problems) return;
    setSubmitting(true);
    try {
      // Being signed in makes this route continue to the page that sent the person here.
      setMe(await login({ email: email.trim(), password }));
    } catch (error) {
      setSubmitting(false);
      form.showFailure(error);
    }
  };

  return (
    <AuthPage
      title={t('login.title')}
      lead={t('login.lead')}
      footer={
        <>
          {t('login.noAccount')} <Link to="/register">{t('common.createAccount')}</Link>
        </>
      }
    >
      <form ref={attachForm} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <EmailField
          label={t('login.email')}
          autoComplete="username"
          value={email}
          error={form.errors.email}
          onChange={(event) => {
            setEmail(event.target.value);
            form.setFieldError('email', undefined);
          }}
        />
        <div className="login__password">
          <PasswordField
            label={t('login.password')}
            name="password"
            autoComplete="current-password"
            required
            value={password}
            error={form.errors.password}
            onChange={(event) => {
              setPassword(event.target.value);
              form.setFieldError('password', undefined);
            }}
          />
          <Link to="/forgot-password" className="login__forgot">
            {t('login.forgot')}
          </Link>
        </div>
        {form.formError && <FormAlert>{form.formError}</FormAlert>}
        <Button type="submit" block loading={submitting}>
          {t('login.submit')}
        </Button>
      </form>
    </AuthPage>
  );
}
