/**
 * The public page form: the publish switch with its warning, the handle with a live preview of
 * the address, and which fields to show, saved together. The handle is checked on blur and
 * before sending with the server's own words; the server's answers land under the same field.
 */
import { publicFields, type PublicField, type PublicationView } from '@airtalk/contracts';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, CheckboxField, FormAlert, Icon, Switch, TextField, useToast } from '../../components';
import { useLanguage } from '../../i18n';
import { useFormErrors } from '../../lib';
import { updateMyPublication } from './api';
import {
  checkHandle,
  normalizeHandle,
  publicPageAddress,
  savedOutcome,
  toggleField,
  type SavedOutcome,
} from './publication';

const FIELDS = ['published', 'handle', 'fields'] as const;

interface Values {
  published: boolean;
  handle: string;
  fields: PublicField[];
}

const valuesOf = (view: PublicationView): Values => ({
  published: view.published,
  handle: view.handle ?? '',
  fields: view.fields,
});

const SAVED_MESSAGES = {
  published: 'publicPage.savedPublished',
  updated: 'publicPage.savedUpdated',
  unpublished: 'publicPage.savedUnpublished',
  saved: 'publicPage.savedPrivate',
} as const satisfies Record<SavedOutcome, string>;

interface PublicationFormProps {
  publication: PublicationView;
  onSaved: (publication: PublicationView) => void;
}

export function PublicationForm({ publication, onSaved }: PublicationFormProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const toast = useToast();
  const ids = { fields: useId(), fieldsHint: useId() };
  const { attachForm, ...form } = useFormErrors(FIELDS);
  const [values, setValues] = useState(() => valuesOf(publication));
  const [submitting, setSubmitting] = useState(false);

  const change = <Name extends keyof Values>(name: Name, value: Values[Name]) => {
    setValues((current) => ({ ...current, [name]: value }));
    form.setFieldError(name, undefined);
  };

  const handle = normalizeHandle(values.handle);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    if (form.reject({ handle: checkHandle(handle, language) })) return;
    setSubmitting(true);
    try {
      const saved = await updateMyPublication({ published: values.published, handle, fields: values.fields });
      setValues(valuesOf(saved));
      form.clear();
      toast(t(SAVED_MESSAGES[savedOutcome(publication, saved)]));
      onSaved(saved);
    } catch (error) {
      form.showFailure(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form ref={attachForm} className="form public-page-form" noValidate onSubmit={(event) => void submit(event)}>
      <Card heading={t('publicPage.publishHeading')}>
        <div className="public-page__switch">
          <Switch
            label={t('publicPage.publish')}
            checked={values.published}
            onChange={(published) => {
              change('published', published);
            }}
            description={
              <>
                <span className="public-page__warning">
                  <Icon name="alert" size={20} className="public-page__warning-icon" />
                  <span>
                    <strong className="public-page__warning-title">{t('publicPage.warningTitle')}</strong>{' '}
                    <span>{t('publicPage.warningBody')}</span>
                  </span>
                </span>
                <span>{t('publicPage.appliesOnSave')}</span>
              </>
            }
          />
        </div>
        {form.errors.published && <FormAlert>{form.errors.published}</FormAlert>}
        <TextField
          label={t('publicPage.handle')}
          name="handle"
          value={values.handle}
          error={form.errors.handle}
          hint={
            <>
              <span className="public-page__preview">
                {t('publicPage.addressPreview')}{' '}
                <span className="public-page__preview-address" translate="no">
                  {publicPageAddress(window.location.origin, handle)}
                </span>
              </span>
              <span>{t('publicPage.handleHint')}</span>
            </>
          }
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          maxLength={64}
          required
          onChange={(event) => {
            change('handle', event.target.value.toLowerCase());
          }}
          onBlur={() => {
            if (handle !== '') form.setFieldError('handle', checkHandle(handle, language));
          }}
        />
      </Card>

      <Card
        heading={t('publicPage.fieldsHeading')}
        description={t('publicPage.fieldsHint')}
        headingId={ids.fields}
        descriptionId={ids.fieldsHint}
      >
        <div
          className="public-page__fields"
          role="group"
          aria-labelledby={ids.fields}
          aria-describedby={ids.fieldsHint}
        >
          {publicFields.map((field) => (
            <CheckboxField
              key={field}
              name="fields"
              value={field}
              label={t(`publicPage.fields.${field}`)}
              checked={values.fields.includes(field)}
              onChange={(event) => {
                change('fields', toggleField(values.fields, field, event.target.checked));
              }}
            />
          ))}
        </div>
        {form.errors.fields && <FormAlert>{form.errors.fields}</FormAlert>}
      </Card>

      {form.formError && <FormAlert>{form.formError}</FormAlert>}
      <div className="form__footer form__footer--end">
        <Button type="submit" loading={submitting}>
          {t('publicPage.save')}
        </Button>
      </div>
    </form>
  );
}
