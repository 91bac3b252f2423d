/**
 * Someone's profile as others see it: who they are (the first photo as the avatar), their other
 * photos, about them, interests and languages.
 */
import type { ProfileView } from '@airtalk/contracts';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar, Card, Icon, Tag } from '../../components';
import { useLanguage } from '../../i18n';
import { languageName } from './languages';
import { isCuratedInterest } from './tags';

interface ProfileDetailsProps {
  profile: ProfileView;
  /** What the viewer can do: edit (their own), or block and report. */
  actions: ReactNode;
  /** A line under the name, such as "This is how other people see your profile." */
  note?: ReactNode;
}

export function ProfileDetails({ profile, actions, note }: ProfileDetailsProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const nameId = useId();
  // "Prefer not to say" is a choice not to show it, like leaving it unset.
  const gender = profile.gender && profile.gender !== 'prefer_not_to_say' ? t(`genders.${profile.gender}`) : null;
  const interestLabel = (tag: string) => (isCuratedInterest(tag) ? t(`interests.${tag}`) : tag);
  const { photos } = profile;
  const [avatar, ...gallery] = photos;
  const altOf = (caption: string | null, index: number) =>
    caption ?? t('photos.photoOf', { n: index + 1, total: photos.length });

  return (
    <article className="profile" aria-labelledby={nameId}>
      <header className="profile__hero">
        <div className="profile__band" aria-hidden="true" />
        <div className="profile__identity">
          <span className="profile__avatar">
            <Avatar
              name={profile.nickname}
              size="lg"
              photo={avatar}
              alt={avatar ? altOf(avatar.caption, 0) : undefined}
            />
          </span>
          <h1 id={nameId} className="page__title profile__name">
            {profile.nickname}
          </h1>
          <ul className="profile__facts">
            <li>{t('profile.age', { age: profile.age })}</li>
            {gender && <li>{gender}</li>}
            {profile.city && (
              <li className="profile__city">
                <Icon name="mapPin" size={16} />
                {profile.city}
              </li>
            )}
          </ul>
          {note && <p className="profile__note">{note}</p>}
        </div>
        <div className="profile__actions">{actions}</div>
      </header>

      {gallery.length > 0 && (
        <Card heading={t('photos.gallery')}>
          <ul className="profile__gallery">
            {gallery.map((photo, index) => (
              <li key={photo.id}>
                <img
                  className="profile__photo"
                  src={photo.url}
                  width={photo.width}
                  height={photo.height}
                  alt={altOf(photo.caption, index + 1)}
                  loading="lazy"
                  decoding="async"
                />
              </li>
            ))}
          </ul>
        </Card>
      )}

      <Card heading={t('profile.about')}>
        {profile.bio ? <p className="profile__bio">{profile.bio}</p> : <p className="muted">{t('profile.noBio')}</p>}
      </Card>

      {profile.interests.length > 0 && (
        <Card heading={t('profile.interests')}>
          <ul className="chips">
            {profile.interests.map((tag) => (
              <li key={tag}>
                <Tag>{interestLabel(tag)}</Tag>
              </li>
            ))}
          </ul>
        </Card>
      )}

      {profile.languages.length > 0 && (
        <Card heading={t('profile.languages')}>
          <ul className="chips">
            {profile.languages.map((tag) => (
              <li key={tag}>
                <Tag>{languageName(tag, language)}</Tag>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </article>
  );
}
