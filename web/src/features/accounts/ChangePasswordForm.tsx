/** Changes the password while signed in; the server signs out every other device. */
import { NewPasswordSchema, translateFieldMessage } from '@airtalk/contracts';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, FormAlert, PasswordField, useToast } from '../../components';
import { useLanguage } from '../../i18n';
import { checkField, requireValue, useFormErrors } from '../../lib';
import { changePassword } from './api';

const FIELDS = ['currentPassword', 'newPassword'] as const;

interface ChangePasswordFormProps {
  /** Called after the change, for example to refresh the list of devices that were just signed out. */
  onChanged?: () => void;
}

export function ChangePasswordForm({ onChanged }: ChangePasswordFormProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const toast = useToast();
  const { attachForm, ...form } = useFormErrors(FIELDS);
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const problems = form.reject({
      currentPassword: requireValue(currentPassword, language),
      newPassword: checkField(NewPasswordSchema, newPassword, language),
    });
    if (problems) return;
    setSubmitting(true);
    try {
      await changePassword({ currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      form.clear();
      toast(t('password.done'));
      onChanged?.();
    } catch (error) {
      form.showFailure(error, (fields, apiError) => {
        if (apiError.code === 'WRONG_PASSWORD')
          fields.currentPassword ??= translateFieldMessage('password.wrong', language);
      });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Card heading={t('password.heading')} description={t('password.note')}>
      <form ref={attachForm} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <PasswordField
          label={t('password.current')}
          name="currentPassword"
          autoComplete="current-password"
          required
          value={currentPassword}
          error={form.errors.currentPassword}
          onChange={(event) => {
            setCurrentPassword(event.target.value);
            form.setFieldError('currentPassword', undefined);
          }}
        />
        <PasswordField
          label={t('password.new')}
          hint={t('password.hint')}
          name="newPassword"
          autoComplete="new-password"
          required
          value={newPassword}
          error={form.errors.newPassword}
          onChange={(event) => {
            setNewPassword(event.target.value);
            form.setFieldError('newPassword', undefined);
          }}
        />
        {form.formError && <FormAlert>{form.formError}</FormAlert>}
        <div className="form__footer form__footer--end">
          <Button type="submit" loading={submitting}>
            {t('password.submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
