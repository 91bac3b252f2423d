/**
 * The sign-up form's privacy step: the current policy one tap away in a sheet, and the required
 * checkbox naming the version being accepted.
 */
import type { PolicyView } from '@airtalk/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, CheckboxField, Icon, LoadFailed, Loading } from '../../components';
import { useDescribeError, type Resource } from '../../lib';
import { PolicySheet } from '../policy';
import './PolicyAcceptance.css';

interface PolicyAcceptanceProps {
  policy: Resource<PolicyView>;
  accepted: boolean;
  onAcceptedChange: (accepted: boolean) => void;
  error: string | undefined;
}

export function PolicyAcceptance({ policy, accepted, onAcceptedChange, error }: PolicyAcceptanceProps) {
  const { t } = useTranslation();
  const describeError = useDescribeError();
  const [reading, setReading] = useState(false);

  if (!policy.data) {
    return policy.loading ? (
      <Loading />
    ) : (
      <LoadFailed
        message={t('register.policyLoadFailed')}
        detail={describeError(policy.error)}
        onRetry={policy.reload}
      />
    );
  }

  const current = policy.data;
  return (
    <fieldset className="policy-acceptance">
      <legend className="policy-acceptance__legend">{t('register.policyHeading')}</legend>
      <p className="policy-acceptance__intro">{t('register.policyIntro')}</p>
      <Button
        variant="secondary"
        icon={<Icon name="fileText" />}
        onClick={() => {
          setReading(true);
        }}
      >
        {t('register.readPolicy')}
      </Button>
      <CheckboxField
        name="policyVersion"
        label={t('register.policyCheckbox', { version: current.version })}
        checked={accepted}
        error={error}
        onChange={(event) => {
          onAcceptedChange(event.target.checked);
        }}
      />
      <PolicySheet
        policy={current}
        open={reading}
        onClose={() => {
          setReading(false);
        }}
        footer={
          <Button
            onClick={() => {
              onAcceptedChange(true);
              setReading(false);
            }}
          >
            {t('register.acceptPolicy')}
          </Button>
        }
      />
    </fieldset>
  );
}
