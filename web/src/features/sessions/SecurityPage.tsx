/**
 * /settings/security: the devices signed in to the account (each can be signed out, or all at
 * once) and the change-password form.
 */
import type { SessionView } from '@airtalk/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackLink, Button, Icon, List, LoadFailed, Loading, Sheet, useToast } from '../../components';
import { useDescribeError, useDocumentTitle, useNow, useResource } from '../../lib';
import { ChangePasswordForm, useAuth } from '../accounts';
import { listSessions, revokeAllSessions, revokeSession } from './api';
import { describeDevice } from './describeDevice';
import { SessionRow } from './SessionRow';
import './SecurityPage.css';

/** This device first, then the most recently active. */
function byRelevance(a: SessionView, b: SessionView): number {
  if (a.current !== b.current) return a.current ? -1 : 1;
  return Date.parse(b.lastSeenAt) - Date.parse(a.lastSeenAt);
}

export function SecurityPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const describeError = useDescribeError();
  const { endSession } = useAuth();
  const now = useNow();
  const sessions = useResource('sessions', listSessions);
  const [revokingId, setRevokingId] = useState<string | null>(null);
  const [confirmingAll, setConfirmingAll] = useState(false);
  const [revokingAll, setRevokingAll] = useState(false);
  useDocumentTitle(t('sessions.title'));

  const revoke = async (session: SessionView) => {
    setRevokingId(session.id);
    try {
      await revokeSession(session.id);
      sessions.update((current) => current.filter((candidate) => candidate.id !== session.id));
      toast(t('sessions.signedOutDevice', { device: describeDevice(session, t) }));
    } catch (error) {
      toast(describeError(error), 'error');
    } finally {
      setRevokingId(null);
    }
  };

  const revokeAll = async () => {
    setRevokingAll(true);
    try {
      await revokeAllSessions();
      toast(t('sessions.signedOutEverywhere'));
      // This device is signed out too; the page's guard takes the person to sign in.
      endSession('/login');
    } catch (error) {
      setRevokingAll(false);
      setConfirmingAll(false);
      toast(describeError(error), 'error');
    }
  };

  const list = sessions.data ? [...sessions.data].sort(byRelevance) : [];
  const othersSignedIn = list.some((session) => !session.current);

  return (
    <div className="page">
      <BackLink to="/settings">{t('settings.back')}</BackLink>
      <header className="page__header">
        <h1 className="page__title">{t('sessions.title')}</h1>
        <p className="page__lead">{t('sessions.lead')}</p>
      </header>

      {sessions.data ? (
        <List
          heading={t('sessions.devicesHeading')}
          footnote={othersSignedIn ? undefined : t('sessions.noOtherDevices')}
        >
          {list.map((session) => (
            <SessionRow
              key={session.id}
              session={session}
              now={now}
              revoking={revokingId === session.id}
              onRevoke={(target) => void revoke(target)}
            />
          ))}
        </List>
      ) : sessions.loading ? (
        <Loading />
      ) : (
        <LoadFailed
          message={t('sessions.loadFailed')}
          detail={describeError(sessions.error)}
          onRetry={sessions.reload}
        />
      )}

      <div className="security__everywhere">
        <Button
          variant="danger"
          icon={<Icon name="logOut" />}
          onClick={() => {
            setConfirmingAll(true);
          }}
        >
          {t('sessions.everywhere')}
        </Button>
        <p className="muted text-sm">{t('sessions.everywhereHint')}</p>
      </div>

      <ChangePasswordForm onChanged={sessions.reload} />

      <Sheet
        open={confirmingAll}
        onClose={() => {
          if (!revokingAll) setConfirmingAll(false);
        }}
        title={t('sessions.confirmTitle')}
        footer={
          <>
            <Button
              variant="secondary"
              onClick={() => {
                setConfirmingAll(false);
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button variant="danger" loading={revokingAll} onClick={() => void revokeAll()}>
              {t('sessions.confirm')}
            </Button>
          </>
        }
      >
        <p>{t('sessions.confirmBody')}</p>
      </Sheet>
    </div>
  );
}
