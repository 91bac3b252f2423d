/**
 * /rooms/:roomId: being in a live room. The address is the room, so a reload joins again (the seat
 * is kept for a minute). Until the room is on screen it shows why not: joining, its password, a ban,
 * or the room's end. In the room: the seats, my controls, the chat, and the menus my role allows.
 * The screen stays awake while in the room.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ButtonLink, FormAlert, Icon, LoadFailed, Loading, PasswordField, useToast } from '../../components';
import { useDescribeError, useDocumentTitle, useNow } from '../../lib';
import { useMe } from '../accounts';
import { MicrophoneConsentSheet, useRoomLink } from '../chat';
import { ROOMS_PATH } from './paths';
import { RoomChat } from './RoomChat';
import { RoomControls } from './RoomControls';
import { RoomSheets, type RoomSheet } from './RoomSheets';
import { memberOf, type RoomPhase } from './roomState';
import { RoomSession, type RoomActionInput, type RoomProblem, type RoomSnapshot } from './session';
import { SeatGrid } from './SeatGrid';
import { useRoomWords } from './useRoomWords';
import { useWakeLock } from './useWakeLock';
import './rooms.css';

export function RoomRoute() {
  const { roomId = '' } = useParams();
  // Another room is another page: nothing carries over.
  return <RoomPage key={roomId} roomId={roomId} />;
}

function RoomPage({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const describeError = useDescribeError();
  const navigate = useNavigate();
  const me = useMe();
  const link = useRoomLink();
  const [consentSheet, setConsentSheet] = useState<{ then: () => void } | null>(null);

  const session = useMemo(() => new RoomSession({ roomId, me: me.id, link }), [roomId, me.id, link]);
  useEffect(() => {
    session.start();
    return () => {
      session.dispose();
    };
  }, [session]);
  useEffect(
    () =>
      session.onProblem((problem: RoomProblem) => {
        switch (problem.kind) {
          case 'refused':
            toast(describeError(problem.error), 'error');
            return;
          case 'offline':
            toast(t('rooms.explain.offline'), 'error');
            return;
          case 'consentRequired':
            setConsentSheet({ then: () => undefined });
            return;
        }
      }),
    [session, toast, describeError, t],
  );
  const room = useSyncExternalStore(session.subscribe, session.getSnapshot);
  useWakeLock(room.phase.kind === 'live');
  useDocumentTitle(room.state?.room.title ?? t('rooms.title'));

  /** Runs `then` once our microphone consent is granted, explaining and asking first when it is not. */
  const needMicrophone = useCallback(
    (then: () => void) => {
      if (session.getSnapshot().consent === 'granted') then();
      else setConsentSheet({ then });
    },
    [session],
  );

  const leave = () => {
    session.leave();
    toast(t('rooms.room.left'));
    void navigate(ROOMS_PATH);
  };

  const renderBody = () => {
    const { phase } = room;
    switch (phase.kind) {
      case 'live':
        return room.state ? (
          <LiveRoom room={room} session={session} onLeave={leave} onNeedMicrophone={needMicrophone} />
        ) : null;
      case 'joining':
        return (
          <div className="page room-message">
            <BackToRooms />
            <Loading label={t('rooms.room.joining')} />
          </div>
        );
      case 'password':
        return (
          <PasswordPrompt
            wrong={phase.wrong}
            onSubmit={(password) => {
              session.submitPassword(password);
            }}
          />
        );
      case 'failed':
        return (
          <div className="page room-message">
            <BackToRooms />
            <LoadFailed
              message={t('rooms.gone.failedTitle')}
              onRetry={() => {
                session.retryJoin();
              }}
            />
          </div>
        );
      case 'left':
        return null;
      case 'banned':
      case 'ended':
      case 'notFound':
        return <RoomGone phase={phase} />;
    }
  };

  return (
    <>
      {renderBody()}
      <MicrophoneConsentSheet
        use="room"
        open={consentSheet !== null}
        onClose={() => {
          setConsentSheet(null);
        }}
        onGranted={() => {
          const then = consentSheet?.then;
          setConsentSheet(null);
          session.setConsent('granted');
          then?.();
        }}
      />
    </>
  );
}

function BackToRooms() {
  const { t } = useTranslation();
  return (
    <Link to={ROOMS_PATH} className="page__back">
      <Icon name="chevronLeft" size={18} />
      {t('rooms.room.back')}
    </Link>
  );
}

interface LiveRoomProps {
  room: RoomSnapshot;
  session: RoomSession;
  onLeave: () => void;
  onNeedMicrophone: (then: () => void) => void;
}

function LiveRoom({ room, session, onLeave, onNeedMicrophone }: LiveRoomProps) {
  const { t } = useTranslation();
  const [sheet, setSheet] = useState<RoomSheet | null>(null);
  const state = room.state;
  const me = memberOf(state, room.me);
  if (!state) return null;
  const { title, topic, hasPassword, listenerCount } = state.room;

  const act = (action: RoomActionInput) => {
    session.act(action);
  };
  const takeSeat = (seat: number | undefined) => {
    onNeedMicrophone(() => {
      act(seat === undefined ? { action: 'takeSeat' } : { action: 'takeSeat', seat });
    });
  };

  return (
    <div className="room">
      <header className="room__header">
        <Link to={ROOMS_PATH} className="room__back">
          <Icon name="chevronLeft" size={22} />
          <span className="visually-hidden">{t('rooms.room.back')}</span>
        </Link>
        <div className="room__heading">
          <h1 className="room__title">
            <span className="room__title-text">{title}</span>
            {hasPassword && (
              <span className="room__lock">
                <Icon name="lock" size={14} />
                <span className="visually-hidden">{t('rooms.room.locked')}</span>
              </span>
            )}
          </h1>
          {topic && <p className="room__topic">{topic}</p>}
        </div>
        <button
          type="button"
          className="room__listeners"
          aria-label={t('rooms.room.openPeople', { count: listenerCount })}
          onClick={() => {
            setSheet({ kind: 'people' });
          }}
        >
          <Icon name="volume" size={16} />
          <span aria-hidden="true">{listenerCount}</span>
        </button>
        <button
          type="button"
          className="room__icon-button"
          onClick={() => {
            setSheet({ kind: 'options' });
          }}
        >
          <Icon name="more" size={20} />
          <span className="visually-hidden">{t('rooms.room.options')}</span>
        </button>
        <Button
          variant="secondary"
          size="sm"
          className="room__leave"
          icon={<Icon name="logOut" size={16} />}
          onClick={onLeave}
        >
          {t('rooms.room.leave')}
        </Button>
      </header>

      <RoomStatus room={room} session={session} />

      <div className="room__body">
        <section className="room__stage" aria-label={t('rooms.room.stage')}>
          <SeatGrid
            state={state}
            me={room.me}
            speaking={room.speaking}
            onMember={(member) => {
              setSheet({ kind: 'member', userId: member.userId });
            }}
            onSeat={(seat) => {
              setSheet({ kind: 'seat', index: seat.index });
            }}
          />
          {/* Room for the gift animations of a later issue; nothing to press here yet. */}
          <div className="room__effects" aria-hidden="true" />
        </section>
        {me && (
          <RoomControls
            room={room}
            me={me}
            session={session}
            onNeedMicrophone={onNeedMicrophone}
            onTakeSeat={() => {
              takeSeat(undefined);
            }}
            onOpenHands={() => {
              setSheet({ kind: 'hands' });
            }}
          />
        )}
        <RoomChat
          me={room.me}
          messages={room.messages}
          pending={room.pending}
          onSend={(text) => {
            session.sendChat(text);
          }}
          onRetry={(clientId) => {
            session.retryChat(clientId);
          }}
          onDiscard={(clientId) => {
            session.discardChat(clientId);
          }}
        />
      </div>

      <RoomAudio session={session} />

      {me && (
        <RoomSheets
          sheet={sheet}
          state={state}
          me={me}
          onClose={() => {
            setSheet(null);
          }}
          onOpen={setSheet}
          onAct={act}
          onTakeSeat={takeSeat}
        />
      )}
    </div>
  );
}

/** Three players for the three speakers the server forwards; they show nothing. */
function RoomAudio({ session }: { session: RoomSession }) {
  return (
    <div className="room__audio" aria-hidden="true">
      {[0, 1, 2].map((index) => (
        <audio
          key={index}
          autoPlay
          ref={(element) => {
            session.attachAudio(index, element);
          }}
        />
      ))}
    </div>
  );
}

/** One line under the header: reconnecting, the audio connecting or failed, or sound waiting for a tap. */
function RoomStatus({ room, session }: { room: RoomSnapshot; session: RoomSession }) {
  const { t } = useTranslation();
  const { media } = room;
  let content = null;
  if (room.reconnecting) {
    content = (
      <p className="room-status room-status--warning">
        <Icon name="wifiOff" size={16} />
        <span>{t('rooms.room.reconnecting')}</span>
      </p>
    );
  } else if (media.playbackBlocked) {
    content = (
      <p className="room-status">
        <Icon name="volume" size={16} />
        <span>{t('rooms.audio.blocked')}</span>
        <Button
          size="sm"
          onClick={() => {
            session.unlockPlayback();
          }}
        >
          {t('rooms.audio.play')}
        </Button>
      </p>
    );
  } else if (media.audio === 'failed') {
    content = (
      <p className="room-status room-status--warning">
        <Icon name="alert" size={16} />
        <span>{t('rooms.audio.failed')}</span>
        <Button
          size="sm"
          variant="secondary"
          onClick={() => {
            session.retryAudio();
          }}
        >
          {t('rooms.audio.retry')}
        </Button>
      </p>
    );
  } else if (media.audio === 'connecting') {
    content = (
      <p className="room-status room-status--quiet">
        <span>{t('rooms.audio.connecting')}</span>
      </p>
    );
  }
  return (
    <div role="status" className="room-status-region">
      {content}
    </div>
  );
}

function PasswordPrompt({ wrong, onSubmit }: { wrong: boolean; onSubmit: (password: string) => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [sent, setSent] = useState(false);
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (password === '') return;
    setSent(true);
    onSubmit(password);
  };
  return (
    <div className="page page--narrow">
      <BackToRooms />
      <header className="page__header">
        <span className="room-message__icon">
          <Icon name="lock" size={28} />
        </span>
        <h1 className="page__title">{t('rooms.password.title')}</h1>
        <p className="page__lead">{t('rooms.password.body')}</p>
      </header>
      <form className="form" noValidate onSubmit={submit}>
        {wrong && !sent && <FormAlert>{t('rooms.password.wrong')}</FormAlert>}
        <PasswordField
          label={t('rooms.password.label')}
          value={password}
          autoComplete="off"
          required
          onChange={(event) => {
            setPassword(event.target.value);
            setSent(false);
          }}
        />
        <Button type="submit" block loading={sent} icon={<Icon name="radio" size={18} />}>
          {t('rooms.password.submit')}
        </Button>
      </form>
    </div>
  );
}

function RoomGone({ phase }: { phase: Extract<RoomPhase, { kind: 'banned' | 'ended' | 'notFound' }> }) {
  const { t } = useTranslation();
  const words = useRoomWords();
  const now = useNow();
  let title: string;
  let body: string;
  let icon: 'radio' | 'ban' = 'radio';
  if (phase.kind === 'banned') {
    title = t('rooms.gone.bannedTitle');
    body = words.comeBack(phase.untilMs, now);
    icon = 'ban';
  } else if (phase.kind === 'notFound') {
    title = t('rooms.gone.notFoundTitle');
    body = t('rooms.gone.notFoundBody');
  } else if (phase.reason === 'kicked') {
    title = t('rooms.gone.kickedTitle');
    body = phase.bannedUntilMs === null ? t('rooms.gone.kickedNoBan') : words.comeBack(phase.bannedUntilMs, now);
    icon = 'ban';
  } else if (phase.reason === 'closed') {
    title = t('rooms.gone.closedTitle');
    body = t('rooms.gone.closedBody');
  } else {
    title = t('rooms.gone.emptyTitle');
    body = t('rooms.gone.emptyBody');
  }
  return (
    <div className="page page--narrow room-message">
      <div className="room-message__card">
        <span className="room-message__icon">
          <Icon name={icon} size={28} />
        </span>
        <h1 className="room-message__title">{title}</h1>
        <p className="room-message__body">{body}</p>
        <ButtonLink to={ROOMS_PATH} icon={<Icon name="radio" size={18} />}>
          {t('rooms.gone.findAnother')}
        </ButtonLink>
      </div>
    </div>
  );
}
