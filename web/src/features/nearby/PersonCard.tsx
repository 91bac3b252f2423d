/**
 * One person in the nearby grid: avatar with an online dot, nickname and age, distance band (or
 * "In your area") and the interests we share. The whole card is one link, named by the nickname
 * alone, with the rest as its description, so screen readers hear the name first; a round
 * "Message" button in its corner starts a chat.
 */
import type { Language, NearbyPersonView } from '@airtalk/contracts';
import { useTranslation } from 'react-i18next';
import { Icon, Tag } from '../../components';
import { localeFor } from '../../lib';
import { MessageButton } from '../chat';
import { PersonLink } from './PersonLink';
import { useNearbyWords } from './useNearbyWords';
import { distanceLabel } from './why';

/** Chips that fit on a phone card; the rest are counted. */
const SHOWN_INTERESTS = 2;

/** "Hiking, Music and Tea", "徒步、音乐和喝茶". */
export function listOf(items: readonly string[], language: Language): string {
  return new Intl.ListFormat(localeFor(language), { type: 'conjunction' }).format(items);
}

export function PersonCard({ person }: { person: NearbyPersonView }) {
  const { t } = useTranslation();
  const words = useNearbyWords();
  const distance = distanceLabel(person.band, t, words.language);
  const interests = person.sharedInterests.map(words.interestLabel);
  const shown = interests.slice(0, SHOWN_INTERESTS);
  const hidden = interests.length - shown.length;
  const facts = [
    t('profile.age', { age: person.age }),
    person.online ? t('nearby.card.online') : null,
    distance,
    interests.length > 0 ? `${t('nearby.card.sharedInterests')} ${listOf(interests, words.language)}` : null,
  ].filter((fact): fact is string => fact !== null);

  return (
    <li className="person-card">
      <PersonLink person={person} block="person-card" avatarSize="lg" facts={facts}>
        <span className="person-card__distance" aria-hidden="true">
          <Icon name="mapPin" size={14} />
          {distance}
        </span>
        {shown.length > 0 && (
          <span className="person-card__interests" aria-hidden="true">
            {shown.map((label) => (
              <Tag key={label}>{label}</Tag>
            ))}
            {hidden > 0 && (
              <span className="person-card__more">{t('nearby.card.moreInterests', { count: hidden })}</span>
            )}
          </span>
        )}
      </PersonLink>
      <MessageButton
        userId={person.userId}
        nickname={person.nickname}
        variant="secondary"
        size="sm"
        iconOnly
        className="person-card__message"
      />
    </li>
  );
}
