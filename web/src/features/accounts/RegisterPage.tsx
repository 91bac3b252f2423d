/**
 * /register: sign-up with the shared contract's checks (adults only, counted in UTC days),
 * the current privacy policy to read and accept, and the server's field errors under each field.
 */
import {
  checkBirthDate,
  EmailSchema,
  NewPasswordSchema,
  NicknameSchema,
  translateFieldMessage,
  utcCalendarDate,
  type Language,
} from '@airtalk/contracts';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, FormAlert, PasswordField, TextField, useToast } from '../../components';
import { useLanguage } from '../../i18n';
import { checkField, useFormErrors } from '../../lib';
import { usePolicy } from '../policy';
import { register } from './api';
import { useAuth } from './AuthProvider';
import { AuthPage } from './AuthPage';
import { EmailField } from './EmailField';
import { PolicyAcceptance } from './PolicyAcceptance';

const FIELDS = ['email', 'password', 'nickname', 'birthDate', 'policyVersion'] as const;
type FieldName = (typeof FIELDS)[number];
type TextFieldName = Exclude<FieldName, 'policyVersion'>;

function checkBirthDateField(value: string, language: Language): string | undefined {
  if (value === '') return translateFieldMessage('field.required', language);
  const problem = checkBirthDate(value, utcCalendarDate(new Date()));
  return problem ? translateFieldMessage(problem, language) : undefined;
}

function checkTextField(name: TextFieldName, value: string, language: Language): string | undefined {
  switch (name) {
    case 'email':
      return checkField(EmailSchema, value, language);
    case 'password':
      return checkField(NewPasswordSchema, value, language);
    case 'nickname':
      return checkField(NicknameSchema, value, language);
    case 'birthDate':
      return checkBirthDateField(value, language);
  }
}

export function RegisterPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { setMe } = useAuth();
  const toast = useToast();
  const policy = usePolicy();
  const { attachForm, ...form } = useFormErrors(FIELDS);
  const { errors, setFieldError } = form;
  const [values, setValues] = useState<Record<TextFieldName, string>>({
    email: '',
    password: '',
    nickname: '',
    birthDate: '',
  });
  const [accepted, setAccepted] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  const change = (name: TextFieldName, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    // A complete date arrives in one go, so the age rule can answer at once; other fields wait for blur.
    setFieldError(name, name === 'birthDate' && value !== '' ? checkBirthDateField(value, language) : undefined);
  };

  const blur = (name: TextFieldName) => {
    if (values[name] !== '') setFieldError(name, checkTextField(name, values[name], language));
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const problems = form.reject({
      email: checkTextField('email', values.email, language),
      password: checkTextField('password', values.password, language),
      nickname: checkTextField('nickname', values.nickname, language),
      birthDate: checkTextField('birthDate', values.birthDate, language),
      policyVersion: accepted && policy.data ? undefined : t('register.policyRequired'),
    });
    if (problems || !policy.data) return;
    setSubmitting(true);
    try {
      const me = await register({ ...values, nickname: values.nickname.trim(), policyVersion: policy.data.version });
      toast(t('register.welcome', { name: me.nickname }));
      // Being signed in makes the sign-up route hand over to the home screen.
      setMe(me);
    } catch (error) {
      setSubmitting(false);
      form.showFailure(error, (fields, apiError) => {
        if (apiError.code === 'EMAIL_TAKEN') fields.email ??= translateFieldMessage('email.taken', language);
        if (fields.policyVersion) {
          // The policy changed while the form was open: show the new one and ask again.
          setAccepted(false);
          policy.reload();
        }
      });
    }
  };

  return (
    <AuthPage
      title={t('register.title')}
      lead={t('register.lead')}
      footer={
        <>
          {t('register.haveAccount')} <Link to="/login">{t('common.signIn')}</Link>
        </>
      }
    >
      <form ref={attachForm} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <EmailField
          label={t('register.email')}
          value={values.email}
          error={errors.email}
          onChange={(event) => {
            change('email', event.target.value);
          }}
          onBlur={() => {
            blur('email');
          }}
        />
        <PasswordField
          label={t('register.password')}
          hint={t('register.passwordHint')}
          name="password"
          autoComplete="new-password"
          required
          value={values.password}
          error={errors.password}
          onChange={(event) => {
            change('password', event.target.value);
          }}
          onBlur={() => {
            blur('password');
          }}
        />
        <TextField
          label={t('register.nickname')}
          hint={t('register.nicknameHint')}
          name="nickname"
          autoComplete="nickname"
          required
          value={values.nickname}
          error={errors.nickname}
          onChange={(event) => {
            change('nickname', event.target.value);
          }}
          onBlur={() => {
            blur('nickname');
          }}
        />
        <TextField
          label={t('register.birthDate')}
          hint={t('register.birthDateHint')}
          name="birthDate"
          type="date"
          autoComplete="bday"
          min="1900-01-01"
          required
          value={values.birthDate}
          error={errors.birthDate}
          onChange={(event) => {
            change('birthDate', event.target.value);
          }}
          onBlur={() => {
            blur('birthDate');
          }}
        />
        <PolicyAcceptance
          policy={policy}
          accepted={accepted}
          error={errors.policyVersion}
          onAcceptedChange={(next) => {
            setAccepted(next);
            setFieldError('policyVersion', undefined);
          }}
        />
        {form.formError && <FormAlert>{form.formError}</FormAlert>}
        <Button type="submit" block loading={submitting}>
          {t('register.submit')}
        </Button>
      </form>
    </AuthPage>
  );
}
