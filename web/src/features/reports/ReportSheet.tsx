/**
 * "Report Lin": a reason in plain words, optional details, and a thank-you that says when the
 * report is handled urgently (someone who may be under 18).
 */
import { REPORT_DETAILS_MAX_LENGTH, reportReasons, translateFieldMessage } from '@airtalk/contracts';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, FormAlert, RadioGroup, Sheet, TextAreaField, useToast } from '../../components';
import { useLanguage } from '../../i18n';
import { useFormErrors } from '../../lib';
import { sendReport } from './api';

type Reason = (typeof reportReasons)[number];

const FIELDS = ['reason', 'details'] as const;

interface ReportSheetProps {
  person: { userId: string; nickname: string };
  open: boolean;
  onClose: () => void;
}

export function ReportSheet({ person, open, onClose }: ReportSheetProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const toast = useToast();
  const formId = useId();
  const { attachForm, ...form } = useFormErrors(FIELDS);
  const [reason, setReason] = useState<Reason | null>(null);
  const [details, setDetails] = useState('');
  const [sending, setSending] = useState(false);
  const name = person.nickname;

  const close = () => {
    if (sending) return;
    form.clear();
    onClose();
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending) return;
    const tooLong = details.trim().length > REPORT_DETAILS_MAX_LENGTH;
    const problems = form.reject({
      reason: reason ? undefined : t('reports.reasonRequired'),
      details: tooLong ? translateFieldMessage('field.tooLong', language) : undefined,
    });
    if (problems || !reason) return;
    setSending(true);
    try {
      const receipt = await sendReport({
        targetKind: 'user',
        targetId: person.userId,
        reason,
        ...(details.trim() === '' ? {} : { details: details.trim() }),
      });
      toast(receipt.urgent ? t('reports.thanksUrgent') : t('reports.thanks'));
      setReason(null);
      setDetails('');
      form.clear();
      setSending(false);
      onClose();
    } catch (error) {
      setSending(false);
      form.showFailure(error);
    }
  };

  const options = reportReasons.map((value) => ({
    value,
    label: t(`reports.reasons.${value}`),
    ...(value === 'possible_minor' ? { description: t('reports.minorNote') } : {}),
  }));

  return (
    <Sheet
      open={open}
      onClose={close}
      title={t('reports.title', { name })}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form={formId} variant="danger" loading={sending}>
            {t('reports.submit')}
          </Button>
        </>
      }
    >
      <form id={formId} ref={attachForm} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <p className="muted">{t('reports.intro', { name })}</p>
        <RadioGroup
          legend={t('reports.reasonLegend')}
          name="reason"
          options={options}
          value={reason}
          error={form.errors.reason}
          onChange={(value) => {
            setReason(value);
            form.setFieldError('reason', undefined);
          }}
        />
        <TextAreaField
          label={t('reports.details')}
          hint={t('reports.detailsHint')}
          name="details"
          rows={3}
          limit={REPORT_DETAILS_MAX_LENGTH}
          value={details}
          error={form.errors.details}
          onChange={(event) => {
            setDetails(event.target.value);
            form.setFieldError('details', undefined);
          }}
        />
        {form.formError && <FormAlert>{form.formError}</FormAlert>}
      </form>
    </Sheet>
  );
}
