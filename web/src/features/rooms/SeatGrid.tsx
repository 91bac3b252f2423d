/**
 * The mic seats as a grid of avatars: a ring that swells with the speaker's voice, the mic's state
 * in a badge, host and admin marks, and free or locked seats. Every seat is a button that opens
 * what can be done with it (a person's menu, or the seat's own).
 */
import type { RoomMemberView, RoomStateView, SeatView } from '@airtalk/contracts';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar, Icon } from '../../components';
import { seatedMembers } from './roomState';

const AVATAR_PX = 96;

interface SeatGridProps {
  state: RoomStateView;
  me: string;
  speaking: ReadonlyMap<string, number>;
  onMember: (member: RoomMemberView) => void;
  onSeat: (seat: SeatView) => void;
}

export function SeatGrid({ state, me, speaking, onMember, onSeat }: SeatGridProps) {
  const seated = seatedMembers(state);
  return (
    <ul className={state.seats.length > 8 ? 'seats seats--many' : 'seats'}>
      {state.seats.map((seat) => {
        const member = seated.get(seat.index);
        return (
          <li key={seat.index} className="seats__item">
            {member ? (
              <OccupiedSeat
                member={member}
                number={seat.index + 1}
                isMe={member.userId === me}
                level={speaking.get(member.userId) ?? 0}
                onOpen={() => {
                  onMember(member);
                }}
              />
            ) : (
              <EmptySeat
                seat={seat}
                onOpen={() => {
                  onSeat(seat);
                }}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}

interface OccupiedSeatProps {
  member: RoomMemberView;
  number: number;
  isMe: boolean;
  level: number;
  onOpen: () => void;
}

function OccupiedSeat({ member, number, isMe, level, onOpen }: OccupiedSeatProps) {
  const { t } = useTranslation();
  const speaking = level > 0 && member.mic === 'on';
  const role = member.role === 'owner' ? t('rooms.room.owner') : member.role === 'admin' ? t('rooms.room.admin') : null;
  const micWord =
    member.mic === 'on'
      ? t('rooms.room.micOn')
      : member.mic === 'muted'
        ? t('rooms.room.micMuted')
        : t('rooms.room.micLocked');
  const label = [
    isMe ? `${member.nickname} (${t('rooms.room.you')})` : member.nickname,
    role,
    t('rooms.room.seatNumber', { number }),
    micWord,
    speaking ? t('rooms.room.speaking') : null,
    member.connected ? null : t('rooms.room.away'),
  ]
    .filter((part): part is string => part !== null)
    .join(', ');
  const classes = ['seat', speaking ? 'seat--speaking' : '', member.connected ? '' : 'seat--away'].filter(Boolean);
  return (
    <button
      type="button"
      className={classes.join(' ')}
      style={{ '--level': speaking ? Math.max(0.25, level).toFixed(2) : '0' } as CSSProperties}
      aria-label={label}
      onClick={onOpen}
    >
      <span className="seat__avatar">
        <span className="seat__ring" aria-hidden="true" />
        <Avatar
          name={member.nickname}
          size="lg"
          photo={member.avatarUrl ? { url: member.avatarUrl, width: AVATAR_PX, height: AVATAR_PX } : null}
        />
        <span className={`seat__mic seat__mic--${member.mic}`} aria-hidden="true">
          <Icon name={member.mic === 'on' ? 'mic' : member.mic === 'locked' ? 'lock' : 'micOff'} size={12} />
        </span>
      </span>
      <span className="seat__name" aria-hidden="true">
        {member.nickname}
      </span>
      <span className="seat__meta" aria-hidden="true">
        {role ?? t('rooms.room.seatNumber', { number })}
      </span>
    </button>
  );
}

function EmptySeat({ seat, onOpen }: { seat: SeatView; onOpen: () => void }) {
  const { t } = useTranslation();
  const number = seat.index + 1;
  return (
    <button
      type="button"
      className={seat.locked ? 'seat seat--empty seat--locked' : 'seat seat--empty'}
      aria-label={seat.locked ? t('rooms.room.lockedSeat', { number }) : t('rooms.room.emptySeat', { number })}
      onClick={onOpen}
    >
      <span className="seat__avatar">
        <span className="seat__placeholder" aria-hidden="true">
          <Icon name={seat.locked ? 'lock' : 'plus'} size={22} />
        </span>
      </span>
      <span className="seat__name" aria-hidden="true">
        {number}
      </span>
      <span className="seat__meta" aria-hidden="true">
        {'\u00a0'}
      </span>
    </button>
  );
}
