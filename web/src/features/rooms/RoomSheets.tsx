/**
 * The room's menus, as sheets: a person (profile, and what my role lets me do to them, including
 * moving them to another seat and removing them with a ban), an empty seat, the raised hands, the
 * people in the room, and the owner's options.
 */
import { ROOM_BAN_DEFAULT_MINUTES, type RoomMemberView, type RoomStateView, type SeatView } from '@airtalk/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar, Badge, Button, ButtonLink, Icon, SelectField, Sheet, type IconName } from '../../components';
import { profilePath } from '../profiles';
import {
  freeSeats,
  handAction,
  mayAnswerHands,
  mayClose,
  memberActions,
  seatActions,
  type MemberAction,
} from './roomPolicy';
import { handQueueMembers, listeners, seatedMembers } from './roomState';
import type { RoomActionInput } from './session';
import { useRoomWords } from './useRoomWords';

const AVATAR_PX = 72;

export type RoomSheet =
  | { kind: 'member'; userId: string }
  | { kind: 'seat'; index: number }
  | { kind: 'hands' }
  | { kind: 'people' }
  | { kind: 'options' };

const MEMBER_ACTION_ICONS: Record<MemberAction, IconName> = {
  inviteToSeat: 'mic',
  moveToSeat: 'users',
  removeFromSeat: 'logOut',
  muteOther: 'micOff',
  lockMic: 'lock',
  unlockMic: 'unlock',
  appointAdmin: 'shield',
  dismissAdmin: 'shield',
  kick: 'ban',
};

const BAN_CHOICES = [
  { minutes: 0, key: 'none' },
  { minutes: 15, key: 'm15' },
  { minutes: ROOM_BAN_DEFAULT_MINUTES, key: 'h1' },
  { minutes: 24 * 60, key: 'd1' },
  { minutes: 7 * 24 * 60, key: 'd7' },
] as const;

function photoOf(member: RoomMemberView) {
  return member.avatarUrl ? { url: member.avatarUrl, width: AVATAR_PX, height: AVATAR_PX } : null;
}

function RoleBadge({ member }: { member: RoomMemberView }) {
  const { t } = useTranslation();
  if (member.role === 'member') return null;
  return <Badge>{member.role === 'owner' ? t('rooms.room.owner') : t('rooms.room.admin')}</Badge>;
}

interface SheetsProps {
  sheet: RoomSheet | null;
  state: RoomStateView;
  me: RoomMemberView;
  onClose: () => void;
  onOpen: (sheet: RoomSheet) => void;
  onAct: (action: RoomActionInput) => void;
  /** Taking a seat asks for the microphone consent first. */
  onTakeSeat: (seat: number | undefined) => void;
}

export function RoomSheets({ sheet, state, me, onClose, onOpen, onAct, onTakeSeat }: SheetsProps) {
  const member = sheet?.kind === 'member' ? state.members.find((one) => one.userId === sheet.userId) : undefined;
  const seat = sheet?.kind === 'seat' ? state.seats.find((one) => one.index === sheet.index) : undefined;
  // A seat someone just sat on is that person's now.
  const seatMember = seat?.userId ? state.members.find((one) => one.userId === seat.userId) : undefined;
  return (
    <>
      <MemberSheet
        key={member?.userId ?? seatMember?.userId ?? 'none'}
        member={member ?? seatMember}
        state={state}
        me={me}
        onClose={onClose}
        onAct={onAct}
      />
      <SeatSheet
        seat={seatMember ? undefined : seat}
        state={state}
        me={me}
        onClose={onClose}
        onAct={onAct}
        onTakeSeat={onTakeSeat}
      />
      <HandsSheet open={sheet?.kind === 'hands'} state={state} me={me} onClose={onClose} onAct={onAct} />
      <PeopleSheet
        open={sheet?.kind === 'people'}
        state={state}
        onClose={onClose}
        onPick={(userId) => {
          onOpen({ kind: 'member', userId });
        }}
      />
      <OptionsSheet open={sheet?.kind === 'options'} state={state} me={me} onClose={onClose} onAct={onAct} />
    </>
  );
}

interface MemberSheetProps {
  member: RoomMemberView | undefined;
  state: RoomStateView;
  me: RoomMemberView;
  onClose: () => void;
  onAct: (action: RoomActionInput) => void;
}

function MemberSheet({ member, state, me, onClose, onAct }: MemberSheetProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<'menu' | 'move' | 'kick'>('menu');
  const [banMinutes, setBanMinutes] = useState<number>(ROOM_BAN_DEFAULT_MINUTES);
  if (!member) return null;
  const isMe = member.userId === me.userId;
  const actions = memberActions(me, member, state);
  const name = member.nickname;
  const done = (action: RoomActionInput) => {
    onAct(action);
    onClose();
  };

  const run = (action: MemberAction) => {
    const targetUserId = member.userId;
    switch (action) {
      case 'moveToSeat':
        setStep('move');
        return;
      case 'kick':
        setStep('kick');
        return;
      case 'inviteToSeat':
      case 'removeFromSeat':
      case 'muteOther':
      case 'lockMic':
      case 'unlockMic':
      case 'appointAdmin':
      case 'dismissAdmin':
        done({ action, targetUserId });
        return;
    }
  };

  const title =
    step === 'move'
      ? t('rooms.member.moveTitle', { name })
      : step === 'kick'
        ? t('rooms.member.kickTitle', { name })
        : name;

  return (
    <Sheet
      open
      onClose={onClose}
      title={title}
      footer={
        step === 'kick' ? (
          <>
            <Button
              variant="secondary"
              onClick={() => {
                setStep('menu');
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button
              variant="danger"
              icon={<Icon name="ban" size={18} />}
              onClick={() => {
                done({ action: 'kick', targetUserId: member.userId, banMinutes });
              }}
            >
              {t('rooms.member.kickConfirm')}
            </Button>
          </>
        ) : undefined
      }
    >
      {step === 'menu' && (
        <div className="stack">
          <div className="room-person">
            <Avatar name={name} size="lg" photo={photoOf(member)} />
            <div className="room-person__text">
              <p className="room-person__name">
                {name} {isMe && <span className="muted">({t('rooms.room.you')})</span>}
              </p>
              <p className="room-person__meta">
                <RoleBadge member={member} />
                {member.seat !== null && (
                  <span>
                    {t('rooms.room.seatNumber', { number: member.seat + 1 })} ·{' '}
                    {member.mic === 'on'
                      ? t('rooms.room.micOn')
                      : member.mic === 'muted'
                        ? t('rooms.room.micMuted')
                        : t('rooms.room.micLocked')}
                  </span>
                )}
                {member.handRaisedAtMs !== null && <span>{t('rooms.room.handRaised')}</span>}
              </p>
            </div>
          </div>
          <div className="room-actions">
            {!isMe && (
              <ButtonLink
                to={profilePath(member.userId)}
                variant="secondary"
                block
                icon={<Icon name="user" size={18} />}
              >
                {t('rooms.member.viewProfile')}
              </ButtonLink>
            )}
            {isMe && member.seat !== null && (
              <Button
                variant="secondary"
                block
                icon={<Icon name="logOut" size={18} />}
                onClick={() => {
                  done({ action: 'leaveSeat' });
                }}
              >
                {t('rooms.controls.leaveSeat')}
              </Button>
            )}
            {actions.map((action) => (
              <Button
                key={action}
                variant={action === 'kick' ? 'danger' : 'secondary'}
                block
                icon={<Icon name={MEMBER_ACTION_ICONS[action]} size={18} />}
                onClick={() => {
                  run(action);
                }}
              >
                {t(`rooms.member.${action}`)}
              </Button>
            ))}
          </div>
          {!isMe && actions.length === 0 && <p className="muted text-sm">{t('rooms.member.noActions')}</p>}
        </div>
      )}
      {step === 'move' && (
        <ul className="room-seat-choices">
          {freeSeats(state).map((seat) => (
            <li key={seat.index}>
              <Button
                variant="secondary"
                block
                onClick={() => {
                  done({ action: 'moveToSeat', targetUserId: member.userId, seat: seat.index });
                }}
              >
                {t('rooms.room.seatNumber', { number: seat.index + 1 })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {step === 'kick' && (
        <div className="stack">
          <p>{t('rooms.member.kickBody')}</p>
          <SelectField
            label={t('rooms.member.banFor')}
            value={banMinutes}
            onChange={(event) => {
              setBanMinutes(Number(event.target.value));
            }}
          >
            {BAN_CHOICES.map((choice) => (
              <option key={choice.key} value={choice.minutes}>
                {t(`rooms.member.ban.${choice.key}`)}
              </option>
            ))}
          </SelectField>
        </div>
      )}
    </Sheet>
  );
}

interface SeatSheetProps {
  seat: SeatView | undefined;
  state: RoomStateView;
  me: RoomMemberView;
  onClose: () => void;
  onAct: (action: RoomActionInput) => void;
  onTakeSeat: (seat: number | undefined) => void;
}

function SeatSheet({ seat, state, me, onClose, onAct, onTakeSeat }: SeatSheetProps) {
  const { t } = useTranslation();
  const actions = seat ? seatActions(me, seat, state) : [];
  const hand = handAction(me, state);
  const waiting = mayAnswerHands(me) ? handQueueMembers(state) : [];
  const number = (seat?.index ?? 0) + 1;
  const act = (action: RoomActionInput) => {
    onAct(action);
    onClose();
  };
  return (
    <Sheet open={seat !== undefined} onClose={onClose} title={t('rooms.seat.title', { number })}>
      {seat && (
        <div className="stack">
          <p className="muted">{seat.locked ? t('rooms.seat.lockedNote') : t('rooms.seat.freeNote')}</p>
          <div className="room-actions">
            {actions.includes('takeSeat') && (
              <Button
                block
                icon={<Icon name="mic" size={18} />}
                onClick={() => {
                  onClose();
                  onTakeSeat(seat.index);
                }}
              >
                {t('rooms.seat.take')}
              </Button>
            )}
            {actions.includes('lockSeat') && (
              <Button
                variant="secondary"
                block
                icon={<Icon name="lock" size={18} />}
                onClick={() => {
                  act({ action: 'lockSeat', seat: seat.index });
                }}
              >
                {t('rooms.seat.lock')}
              </Button>
            )}
            {actions.includes('unlockSeat') && (
              <Button
                variant="secondary"
                block
                icon={<Icon name="unlock" size={18} />}
                onClick={() => {
                  act({ action: 'unlockSeat', seat: seat.index });
                }}
              >
                {t('rooms.seat.unlock')}
              </Button>
            )}
            {!seat.locked && hand === 'raiseHand' && (
              <>
                <p className="muted text-sm">{t('rooms.seat.askNote')}</p>
                <Button
                  variant="secondary"
                  block
                  icon={<Icon name="hand" size={18} />}
                  onClick={() => {
                    act({ action: 'raiseHand' });
                  }}
                >
                  {t('rooms.controls.raiseHand')}
                </Button>
              </>
            )}
          </div>
          {!seat.locked && waiting.length > 0 && (
            <div className="stack">
              <h3 className="room-sheet__subheading">{t('rooms.seat.inviteHere')}</h3>
              <ul className="room-people">
                {waiting.map((member) => (
                  <li key={member.userId} className="room-people__row">
                    <Avatar name={member.nickname} size="sm" photo={photoOf(member)} />
                    <span className="room-people__name">{member.nickname}</span>
                    <Button
                      size="sm"
                      aria-label={t('rooms.hands.inviteName', { name: member.nickname })}
                      onClick={() => {
                        act({ action: 'inviteToSeat', targetUserId: member.userId, seat: seat.index });
                      }}
                    >
                      {t('rooms.hands.invite')}
                    </Button>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </Sheet>
  );
}

interface HandsSheetProps {
  open: boolean;
  state: RoomStateView;
  me: RoomMemberView;
  onClose: () => void;
  onAct: (action: RoomActionInput) => void;
}

function HandsSheet({ open, state, me, onClose, onAct }: HandsSheetProps) {
  const { t } = useTranslation();
  const waiting = handQueueMembers(state);
  const seatFree = freeSeats(state).length > 0;
  return (
    <Sheet open={open} onClose={onClose} title={t('rooms.hands.title')}>
      {waiting.length === 0 ? (
        <p className="muted">{t('rooms.hands.empty')}</p>
      ) : (
        <div className="stack">
          {!seatFree && <p className="muted text-sm">{t('rooms.hands.noSeat')}</p>}
          <ol className="room-people">
            {waiting.map((member) => (
              <li key={member.userId} className="room-people__row">
                <Avatar name={member.nickname} size="sm" photo={photoOf(member)} />
                <span className="room-people__name">{member.nickname}</span>
                {seatFree && memberActions(me, member, state).includes('inviteToSeat') && (
                  <Button
                    size="sm"
                    aria-label={t('rooms.hands.inviteName', { name: member.nickname })}
                    onClick={() => {
                      onAct({ action: 'inviteToSeat', targetUserId: member.userId });
                    }}
                  >
                    {t('rooms.hands.invite')}
                  </Button>
                )}
              </li>
            ))}
          </ol>
        </div>
      )}
    </Sheet>
  );
}

interface PeopleSheetProps {
  open: boolean;
  state: RoomStateView;
  onClose: () => void;
  onPick: (userId: string) => void;
}

function PeopleSheet({ open, state, onClose, onPick }: PeopleSheetProps) {
  const { t } = useTranslation();
  const onMic = [...seatedMembers(state).values()];
  const listening = listeners(state);
  const row = (member: RoomMemberView) => (
    <li key={member.userId}>
      <button
        type="button"
        className="room-people__row room-people__button"
        aria-label={t('rooms.people.open', { name: member.nickname })}
        onClick={() => {
          onPick(member.userId);
        }}
      >
        <Avatar name={member.nickname} size="sm" photo={photoOf(member)} />
        <span className="room-people__name">{member.nickname}</span>
        <RoleBadge member={member} />
        {member.handRaisedAtMs !== null && <Icon name="hand" size={16} />}
        <Icon name="chevronRight" size={18} />
      </button>
    </li>
  );
  return (
    <Sheet open={open} onClose={onClose} title={t('rooms.people.title')}>
      <div className="stack">
        <h3 className="room-sheet__subheading">{t('rooms.people.onSeats')}</h3>
        <ul className="room-people">{onMic.map(row)}</ul>
        <h3 className="room-sheet__subheading">{t('rooms.people.listening')}</h3>
        <ul className="room-people">{listening.map(row)}</ul>
        {state.room.listenerCount > listening.length && <p className="muted text-sm">{t('rooms.people.more')}</p>}
      </div>
    </Sheet>
  );
}

interface OptionsSheetProps {
  open: boolean;
  state: RoomStateView;
  me: RoomMemberView;
  onClose: () => void;
  onAct: (action: RoomActionInput) => void;
}

/** What the room is about, for everyone; the owner also closes it from here (after saying yes). */
function OptionsSheet({ open, state, me, onClose, onAct }: OptionsSheetProps) {
  const { t } = useTranslation();
  const words = useRoomWords();
  const [confirming, setConfirming] = useState(false);
  const { room } = state;
  const close = () => {
    setConfirming(false);
    onClose();
  };
  return (
    <Sheet
      open={open}
      onClose={close}
      title={confirming ? t('rooms.close.title') : t('rooms.room.options')}
      footer={
        confirming ? (
          <>
            <Button
              variant="secondary"
              onClick={() => {
                setConfirming(false);
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button
              variant="danger"
              onClick={() => {
                onAct({ action: 'close' });
                close();
              }}
            >
              {t('rooms.close.confirm')}
            </Button>
          </>
        ) : undefined
      }
    >
      {confirming ? (
        <p>{t('rooms.close.body')}</p>
      ) : (
        <div className="stack">
          <dl className="room-facts">
            <div className="room-facts__row">
              <dt>{t('rooms.create.name')}</dt>
              <dd>{room.title}</dd>
            </div>
            {room.topic && (
              <div className="room-facts__row">
                <dt>{t('rooms.create.topic')}</dt>
                <dd>{room.topic}</dd>
              </div>
            )}
            <div className="room-facts__row">
              <dt>{t('rooms.create.language')}</dt>
              <dd>{words.languageLabel(room.language)}</dd>
            </div>
            {room.tags.length > 0 && (
              <div className="room-facts__row">
                <dt>{t('rooms.create.tags')}</dt>
                <dd>{room.tags.map((tag) => `#${tag}`).join(' ')}</dd>
              </div>
            )}
            <div className="room-facts__row">
              <dt>{t('rooms.create.seats')}</dt>
              <dd>
                {t('rooms.create.seatCount', { count: room.seatCount })} ·{' '}
                {room.freeSeating ? t('rooms.room.freeSeating') : t('rooms.room.invitedSeating')}
              </dd>
            </div>
            <div className="room-facts__row">
              <dt>{t('rooms.room.host')}</dt>
              <dd>{room.owner.nickname}</dd>
            </div>
          </dl>
          {mayClose(me) && (
            <Button
              variant="danger"
              block
              icon={<Icon name="close" size={18} />}
              onClick={() => {
                setConfirming(true);
              }}
            >
              {t('rooms.room.closeRoom')}
            </Button>
          )}
        </div>
      )}
    </Sheet>
  );
}
