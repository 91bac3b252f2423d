/**
 * What every card of a person in People nearby shares: one link to their profile, named by the
 * nickname alone with the other facts as its description (screen readers hear the name first),
 * the avatar with an online dot, and the nickname with the age.
 */
import type { NearbyPersonView } from '@airtalk/contracts';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Avatar } from '../../components';
import { profilePath } from '../profiles';

/** The size photos are drawn at on a card; the image is cropped to the circle whatever its shape. */
const AVATAR_PX = 144;

interface PersonLinkProps {
  person: Pick<NearbyPersonView, 'userId' | 'nickname' | 'age' | 'avatarUrl' | 'online'>;
  /** The card's CSS block name: its elements are `${block}__link`, `__avatar`, `__name` and so on. */
  block: 'person-card' | 'recommendation';
  avatarSize: 'md' | 'lg';
  /** Read to screen readers after the name, in this order. */
  facts: string[];
  /** What the card shows below the name (hidden from screen readers: the facts say it). */
  children?: ReactNode;
  /** Wraps the name line and the children, for cards that lay them out beside the avatar. */
  textBlock?: string;
}

export function PersonLink({ person, block, avatarSize, facts, children, textBlock }: PersonLinkProps) {
  const { t } = useTranslation();
  const nameId = useId();
  const factsId = useId();
  const photo = person.avatarUrl ? { url: person.avatarUrl, width: AVATAR_PX, height: AVATAR_PX } : null;
  const title = (
    <span className={`${block}__title`}>
      <span id={nameId} className={`${block}__name`}>
        {person.nickname}
      </span>
      <span className={`${block}__age`} aria-hidden="true">
        {person.age}
      </span>
    </span>
  );
  return (
    <Link
      to={profilePath(person.userId)}
      className={`${block}__link`}
      aria-labelledby={nameId}
      aria-describedby={factsId}
    >
      <span className={`${block}__avatar`}>
        <Avatar name={person.nickname} size={avatarSize} photo={photo} />
        {person.online && <span className="online-dot" aria-hidden="true" />}
      </span>
      {textBlock ? (
        <span className={textBlock}>
          {title}
          {children}
        </span>
      ) : (
        <>
          {title}
          {children}
        </>
      )}
      <span id={factsId} className="visually-hidden">
        {facts.join(t('nearby.card.factSeparator'))}
      </span>
    </Link>
  );
}
