/** Shown in place of a profile just blocked: what it means now, and a way to undo it straight away. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonLink, Icon, useToast } from '../../components';
import { useDescribeError, useDocumentTitle } from '../../lib';
import { unblockUser } from './api';
import type { Person } from './BlockSheet';
import './blocks.css';

export function BlockedNotice({ person, onUnblocked }: { person: Person; onUnblocked: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const describeError = useDescribeError();
  const [unblocking, setUnblocking] = useState(false);
  const name = person.nickname;
  const title = t('blocks.doneTitle', { name });
  useDocumentTitle(title);

  const unblock = async () => {
    setUnblocking(true);
    try {
      await unblockUser(person.userId);
      toast(t('blocks.unblocked', { name }));
      onUnblocked();
    } catch (error) {
      setUnblocking(false);
      toast(describeError(error), 'error');
    }
  };

  return (
    <div className="page page--narrow empty-page blocked-notice">
      <span className="blocked-notice__icon">
        <Icon name="ban" size={28} />
      </span>
      <h1 className="page__title">{title}</h1>
      <p className="page__lead">{t('blocks.doneBody')}</p>
      <div className="blocked-notice__actions">
        <ButtonLink to="/settings/blocked" variant="secondary">
          {t('blocks.manage')}
        </ButtonLink>
        <Button variant="ghost" loading={unblocking} onClick={() => void unblock()}>
          {t('blocks.unblockName', { name })}
        </Button>
      </div>
    </div>
  );
}
