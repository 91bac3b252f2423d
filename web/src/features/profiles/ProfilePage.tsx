/**
 * /users/:userId: someone's profile, with Message, Block and Report; my own, with Edit profile.
 * Unknown people and people on either side of a block get the same "not available" page.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Button, ButtonLink, Icon, LoadFailed, Loading } from '../../components';
import { isApiError, useDescribeError, useDocumentTitle, useResource } from '../../lib';
import { useMe } from '../accounts';
import { BlockedNotice, BlockSheet } from '../blocks';
import { MessageButton } from '../chat';
import { ReportSheet } from '../reports';
import { fetchProfile } from './api';
import { ProfileDetails } from './ProfileDetails';
import './profiles.css';

/** The server answers 404 for unknown and blocked alike, and refuses an id that is not one. */
const isUnavailable = (error: unknown) =>
  isApiError(error) && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION_FAILED');

export function ProfileRoute() {
  const { userId = '' } = useParams();
  // A new person is a new page: no sheet or notice carries over.
  return <ProfilePage key={userId} userId={userId} />;
}

function ProfilePage({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const describeError = useDescribeError();
  const me = useMe();
  const own = me.id === userId;
  const profile = useResource(`profile:${userId}`, (signal) => fetchProfile(userId, signal));
  const [sheet, setSheet] = useState<'block' | 'report' | null>(null);
  const [blocked, setBlocked] = useState(false);
  const unavailable = isUnavailable(profile.error);
  useDocumentTitle(unavailable ? t('profile.unavailableTitle') : (profile.data?.nickname ?? t('profile.title')));

  if (blocked && profile.data) {
    return (
      <BlockedNotice
        person={profile.data}
        onUnblocked={() => {
          setBlocked(false);
          profile.reload();
        }}
      />
    );
  }
  if (unavailable) return <ProfileUnavailable />;
  if (!profile.data) {
    return (
      <div className="page">
        {profile.loading ? (
          <Loading />
        ) : (
          <LoadFailed
            message={t('profile.loadFailed')}
            detail={describeError(profile.error)}
            onRetry={profile.reload}
          />
        )}
      </div>
    );
  }

  const person = profile.data;
  const closeSheet = () => {
    setSheet(null);
  };
  const actions = own ? (
    <ButtonLink to="/settings/profile" variant="secondary" size="sm" icon={<Icon name="pencil" size={16} />}>
      {t('profile.edit')}
    </ButtonLink>
  ) : (
    <>
      <MessageButton userId={person.userId} nickname={person.nickname} />
      <Button
        variant="secondary"
        size="sm"
        icon={<Icon name="ban" size={16} />}
        onClick={() => {
          setSheet('block');
        }}
      >
        {t('profile.block')}
      </Button>
      <Button
        variant="secondary"
        size="sm"
        icon={<Icon name="flag" size={16} />}
        onClick={() => {
          setSheet('report');
        }}
      >
        {t('profile.report')}
      </Button>
    </>
  );

  return (
    <div className="page">
      <ProfileDetails profile={person} actions={actions} note={own ? t('profile.yours') : undefined} />
      {!own && (
        <>
          <BlockSheet
            person={person}
            open={sheet === 'block'}
            onClose={closeSheet}
            onBlocked={() => {
              setSheet(null);
              setBlocked(true);
            }}
          />
          <ReportSheet person={person} open={sheet === 'report'} onClose={closeSheet} />
        </>
      )}
    </div>
  );
}

function ProfileUnavailable() {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow empty-page">
      <span className="profile-unavailable__icon">
        <Icon name="user" size={28} />
      </span>
      <h1 className="page__title">{t('profile.unavailableTitle')}</h1>
      <p className="page__lead">{t('profile.unavailableBody')}</p>
      <ButtonLink to="/">{t('profile.home')}</ButtonLink>
    </div>
  );
}
