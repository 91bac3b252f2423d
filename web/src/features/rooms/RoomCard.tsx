/**
 * One live room in the list: its name (a password lock beside it), topic, tags and language, the
 * people on mic, and how many listen. The whole card is one link named by the room's name, with the
 * rest as its description.
 */
import type { RoomSummaryView } from '@airtalk/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Avatar, Icon, Tag } from '../../components';
import { roomPath } from './paths';
import { useRoomWords } from './useRoomWords';

const AVATAR_PX = 40;

export function RoomCard({ room }: { room: RoomSummaryView }) {
  const { t } = useTranslation();
  const words = useRoomWords();
  const descriptionId = useId();
  const language = words.languageLabel(room.language);
  const facts = [
    room.hasPassword ? t('rooms.card.locked') : null,
    room.topic || null,
    t('rooms.card.hostedBy', { name: room.owner.nickname }),
    language,
    t('rooms.card.speakers', { count: room.speakerCount }),
    t('rooms.card.listeners', { count: room.listenerCount }),
    room.tags.length > 0 ? room.tags.map((tag) => `#${tag}`).join(' ') : null,
  ].filter((fact): fact is string => fact !== null);

  return (
    <li className="room-card">
      <Link to={roomPath(room.id)} className="room-card__link" aria-describedby={descriptionId}>
        {room.coverUrl && <img className="room-card__cover" src={room.coverUrl} alt="" loading="lazy" />}
        <span className="room-card__top">
          <span className="room-card__title">
            {room.title}
            {room.hasPassword && (
              <span className="room-card__lock" aria-hidden="true">
                <Icon name="lock" size={14} />
              </span>
            )}
          </span>
          <span className="room-card__live" aria-hidden="true">
            <span className="room-card__live-dot" />
            {language}
          </span>
        </span>
        {room.topic && (
          <span className="room-card__topic" aria-hidden="true">
            {room.topic}
          </span>
        )}
        <span className="room-card__people" aria-hidden="true">
          {room.speakers.length > 0 && (
            <span className="room-card__avatars">
              {room.speakers.slice(0, 4).map((speaker) => (
                <Avatar
                  key={speaker.userId}
                  name={speaker.nickname}
                  size="sm"
                  photo={speaker.avatarUrl ? { url: speaker.avatarUrl, width: AVATAR_PX, height: AVATAR_PX } : null}
                />
              ))}
            </span>
          )}
          <span className="room-card__counts">
            <span className="room-card__count">
              <Icon name="mic" size={14} />
              {t('rooms.card.speakers', { count: room.speakerCount })}
            </span>
            <span className="room-card__count">
              <Icon name="volume" size={14} />
              {t('rooms.card.listeners', { count: room.listenerCount })}
            </span>
          </span>
        </span>
        {room.tags.length > 0 && (
          <span className="room-card__tags" aria-hidden="true">
            {room.tags.map((tag) => (
              <Tag key={tag}>#{tag}</Tag>
            ))}
          </span>
        )}
      </Link>
      <span id={descriptionId} className="visually-hidden">
        {facts.join(', ')}
      </span>
    </li>
  );
}
