/**
 * /settings/profile: what others see of me. The safety note comes first: contact details are not
 * allowed anywhere on a profile, and only the age (never the birth date) is shown. Photos come first,
 * above the form, since they are saved one by one as they are added or removed.
 */
import { useTranslation } from 'react-i18next';
import { BackLink, Banner, ButtonLink, Icon, LoadFailed, Loading } from '../../components';
import { useDescribeError, useDocumentTitle, useResource } from '../../lib';
import { useMe } from '../accounts';
import { fetchMyProfile } from './api';
import { PhotosCard } from './PhotosCard';
import { ProfileForm } from './ProfileForm';
import './profiles.css';
import { profilePath } from './paths';

export function EditProfilePage() {
  const { t } = useTranslation();
  const describeError = useDescribeError();
  const me = useMe();
  const profile = useResource('my-profile', fetchMyProfile);
  useDocumentTitle(t('profileEdit.title'));

  return (
    <div className="page">
      <BackLink to="/settings">{t('settings.back')}</BackLink>
      <header className="page__header profile-edit__header">
        <div className="page__header">
          <h1 className="page__title">{t('profileEdit.title')}</h1>
          <p className="page__lead">{t('profileEdit.lead')}</p>
        </div>
        <ButtonLink to={profilePath(me.id)} variant="secondary" size="sm" icon={<Icon name="user" size={16} />}>
          {t('profileEdit.preview')}
        </ButtonLink>
      </header>
      <Banner tone="info" icon="shield" title={t('profileEdit.safetyTitle')}>
        {t('profileEdit.safetyBody')}
      </Banner>
      {profile.data ? (
        <>
          <PhotosCard
            photos={profile.data.photos}
            onChange={(photos) => {
              profile.update((current) => ({ ...current, photos }));
            }}
          />
          <ProfileForm
            profile={profile.data}
            onSaved={(saved) => {
              profile.update(() => saved);
            }}
          />
        </>
      ) : profile.loading ? (
        <Loading />
      ) : (
        <LoadFailed
          message={t('profileEdit.loadFailed')}
          detail={describeError(profile.error)}
          onRetry={profile.reload}
        />
      )}
    </div>
  );
}
