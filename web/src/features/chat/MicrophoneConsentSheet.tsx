/**
 * Our own explanation before the microphone is used, for voice messages or to speak in a live
 * room. "Allow microphone" records the consent in the ledger; only then does the browser ask its
 * own question.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, FormAlert, Icon, Sheet, type IconName } from '../../components';
import { useDescribeError } from '../../lib';
import { grantMicrophoneConsent } from './api';

import './chat.css';

const POINTS = {
  voice: [
    { key: 'consentOnlyWhile', icon: 'mic' },
    { key: 'consentWho', icon: 'lock' },
    { key: 'consentWithdraw', icon: 'shield' },
  ],
  room: [
    { key: 'roomConsentOnlyWhile', icon: 'mic' },
    { key: 'roomConsentWho', icon: 'users' },
    { key: 'consentWithdraw', icon: 'shield' },
  ],
} as const satisfies Record<string, readonly { key: string; icon: IconName }[]>;

/** What the microphone is for: a voice message in a chat, or speaking on a seat in a live room. */
export type MicrophoneUse = 'voice' | 'room';

interface MicrophoneConsentSheetProps {
  open: boolean;
  onClose: () => void;
  onGranted: () => void;
  use?: MicrophoneUse;
}

export function MicrophoneConsentSheet({ open, onClose, onGranted, use = 'voice' }: MicrophoneConsentSheetProps) {
  const { t } = useTranslation();
  const describeError = useDescribeError();
  const [granting, setGranting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    if (granting) return;
    setError(null);
    onClose();
  };

  const grant = async () => {
    setGranting(true);
    setError(null);
    try {
      await grantMicrophoneConsent();
      setGranting(false);
      onGranted();
    } catch (failure) {
      setGranting(false);
      setError(describeError(failure));
    }
  };

  return (
    <Sheet
      open={open}
      onClose={close}
      title={t('chat.voice.consentTitle')}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button icon={<Icon name="mic" size={18} />} loading={granting} onClick={() => void grant()}>
            {t('chat.voice.consentAllow')}
          </Button>
        </>
      }
    >
      <div className="stack">
        <p>{use === 'room' ? t('chat.voice.roomConsentIntro') : t('chat.voice.consentIntro')}</p>
        <ul className="chat-consent__points">
          {POINTS[use].map(({ key, icon }) => (
            <li key={key} className="chat-consent__point">
              <span className="chat-consent__icon">
                <Icon name={icon} size={18} />
              </span>
              <span>{t(`chat.voice.${key}`)}</span>
            </li>
          ))}
        </ul>
        <p className="muted text-sm">
          {t('chat.voice.consentBrowser')} <Link to="/policy">{t('nearby.setup.readPolicy')}</Link>
        </p>
        {error && <FormAlert>{error}</FormAlert>}
      </div>
    </Sheet>
  );
}
