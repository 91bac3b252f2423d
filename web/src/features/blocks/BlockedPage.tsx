/** /settings/blocked: the people I blocked, newest first, each with an Unblock button. */
import type { BlockView } from '@airtalk/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar, BackLink, Button, EmptyState, List, ListItem, LoadFailed, Loading, useToast } from '../../components';
import { useLanguage } from '../../i18n';
import { formatDay, useDescribeError, useDocumentTitle, useResource } from '../../lib';
import { listBlocks, unblockUser } from './api';
import './blocks.css';

const newestFirst = (a: BlockView, b: BlockView) => Date.parse(b.blockedAt) - Date.parse(a.blockedAt);

export function BlockedPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const toast = useToast();
  const describeError = useDescribeError();
  const blocks = useResource('blocks', listBlocks);
  const [unblockingId, setUnblockingId] = useState<string | null>(null);
  useDocumentTitle(t('blocks.title'));

  const unblock = async (block: BlockView) => {
    setUnblockingId(block.userId);
    try {
      await unblockUser(block.userId);
      blocks.update((current) => current.filter((other) => other.userId !== block.userId));
      toast(t('blocks.unblocked', { name: block.nickname }));
    } catch (error) {
      toast(describeError(error), 'error');
    } finally {
      setUnblockingId(null);
    }
  };

  const renderList = (list: BlockView[]) =>
    list.length === 0 ? (
      <EmptyState icon="ban" title={t('blocks.emptyTitle')}>
        {t('blocks.emptyBody')}
      </EmptyState>
    ) : (
      <List>
        {[...list].sort(newestFirst).map((block) => (
          <ListItem
            key={block.userId}
            leading={<Avatar name={block.nickname} size="sm" />}
            title={block.nickname}
            subtitle={t('blocks.blockedOn', { date: formatDay(block.blockedAt, language) })}
            trailing={
              <Button
                variant="secondary"
                size="sm"
                loading={unblockingId === block.userId}
                aria-label={t('blocks.unblockName', { name: block.nickname })}
                onClick={() => void unblock(block)}
              >
                {t('blocks.unblock')}
              </Button>
            }
          />
        ))}
      </List>
    );

  return (
    <div className="page">
      <BackLink to="/settings">{t('settings.back')}</BackLink>
      <header className="page__header">
        <h1 className="page__title">{t('blocks.title')}</h1>
        <p className="page__lead">{t('blocks.lead')}</p>
      </header>
      {blocks.data ? (
        renderList(blocks.data)
      ) : blocks.loading ? (
        <Loading />
      ) : (
        <LoadFailed message={t('blocks.loadFailed')} detail={describeError(blocks.error)} onRetry={blocks.reload} />
      )}
    </div>
  );
}
