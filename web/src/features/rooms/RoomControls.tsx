/**
 * My controls under the seats: the microphone (never a dead button: locked, blocked or without our
 * consent, it explains and asks), taking or leaving a seat or raising a hand, and for the owner and
 * admins the raised hands. Listeners without a seat see that they are listening.
 */
import type { RoomMemberView } from '@airtalk/contracts';
import { useTranslation } from 'react-i18next';
import { Button, Icon, useToast } from '../../components';
import { handAction, mayAnswerHands, mayTakeASeat } from './roomPolicy';
import type { RoomSession, RoomSnapshot } from './session';

interface RoomControlsProps {
  room: RoomSnapshot;
  me: RoomMemberView;
  session: RoomSession;
  onNeedMicrophone: (then: () => void) => void;
  onTakeSeat: () => void;
  onOpenHands: () => void;
}

export function RoomControls({ room, me, session, onNeedMicrophone, onTakeSeat, onOpenHands }: RoomControlsProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const state = room.state;
  if (!state) return null;
  const seated = me.seat !== null;
  const hand = handAction(me, state);
  const hands = state.handQueue.length;

  const renderMic = () => {
    if (!seated) return null;
    const { microphone } = room.media;
    if (me.mic === 'locked') {
      return (
        <Button
          variant="secondary"
          icon={<Icon name="lock" size={18} />}
          onClick={() => {
            toast(t('rooms.explain.micLocked'), 'info');
          }}
        >
          {t('rooms.controls.micLocked')}
        </Button>
      );
    }
    if (room.consent !== 'granted') {
      return (
        <Button
          icon={<Icon name="mic" size={18} />}
          onClick={() => {
            onNeedMicrophone(() => {
              if (me.mic === 'muted') session.act({ action: 'unmute' });
            });
          }}
        >
          {t('rooms.controls.turnOnMic')}
        </Button>
      );
    }
    if (microphone === 'blocked' || microphone === 'noMicrophone' || microphone === 'unsupported') {
      const explanation =
        microphone === 'blocked'
          ? t('rooms.explain.micBlocked')
          : microphone === 'noMicrophone'
            ? t('rooms.explain.noMicrophone')
            : t('rooms.explain.micUnsupported');
      return (
        <Button
          variant="secondary"
          icon={<Icon name="micOff" size={18} />}
          onClick={() => {
            toast(explanation, 'error');
            session.retryMicrophone();
          }}
        >
          {t('rooms.controls.micBlocked')}
        </Button>
      );
    }
    if (me.mic === 'on') {
      return (
        <Button
          className="room-controls__mic room-controls__mic--on"
          icon={<Icon name="mic" size={18} />}
          loading={microphone === 'starting'}
          onClick={() => {
            session.act({ action: 'mute' });
          }}
        >
          {microphone === 'starting' ? t('rooms.controls.micStarting') : t('rooms.controls.mute')}
        </Button>
      );
    }
    return (
      <Button
        variant="secondary"
        className="room-controls__mic"
        icon={<Icon name="micOff" size={18} />}
        onClick={() => {
          session.act({ action: 'unmute' });
        }}
      >
        {t('rooms.controls.unmute')}
      </Button>
    );
  };

  return (
    <section className="room-controls" aria-label={t('rooms.controls.label')}>
      {renderMic()}
      {seated && (
        <Button
          variant="ghost"
          icon={<Icon name="logOut" size={18} />}
          onClick={() => {
            session.act({ action: 'leaveSeat' });
          }}
        >
          {t('rooms.controls.leaveSeat')}
        </Button>
      )}
      {mayTakeASeat(me, state) && (
        <Button icon={<Icon name="mic" size={18} />} onClick={onTakeSeat}>
          {t('rooms.controls.takeSeat')}
        </Button>
      )}
      {hand === 'raiseHand' && (
        <Button
          variant="secondary"
          icon={<Icon name="hand" size={18} />}
          onClick={() => {
            session.act({ action: 'raiseHand' });
          }}
        >
          {t('rooms.controls.raiseHand')}
        </Button>
      )}
      {hand === 'lowerHand' && (
        <Button
          variant="secondary"
          icon={<Icon name="hand" size={18} />}
          onClick={() => {
            session.act({ action: 'lowerHand' });
          }}
        >
          {t('rooms.controls.lowerHand')}
        </Button>
      )}
      {!seated && hand === null && !mayTakeASeat(me, state) && (
        <p className="room-controls__note">
          <Icon name="volume" size={16} />
          {t('rooms.controls.listening')}
        </p>
      )}
      {mayAnswerHands(me) && (
        <Button
          variant="ghost"
          className="room-controls__hands"
          icon={<Icon name="hand" size={18} />}
          aria-label={t('rooms.controls.handsCount', { count: hands })}
          onClick={onOpenHands}
        >
          {t('rooms.controls.hands')}
          {hands > 0 && (
            <span className="room-controls__count" aria-hidden="true">
              {hands}
            </span>
          )}
        </Button>
      )}
    </section>
  );
}
