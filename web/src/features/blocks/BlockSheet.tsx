/**
 * "Block Lin?": what blocking does, in both directions, before it happens. Blocking is private
 * and can be undone from Settings.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, FormAlert, Icon, Sheet, useToast, type IconName } from '../../components';
import { useDescribeError } from '../../lib';
import { blockUser } from './api';
import './blocks.css';

const EFFECTS = [
  { key: 'profile', icon: 'user' },
  { key: 'nearby', icon: 'mapPin' },
  { key: 'message', icon: 'message' },
  { key: 'gifts', icon: 'gift' },
] as const satisfies readonly { key: string; icon: IconName }[];

export interface Person {
  userId: string;
  nickname: string;
}

interface BlockSheetProps {
  person: Person;
  open: boolean;
  onClose: () => void;
  onBlocked: () => void;
}

export function BlockSheet({ person, open, onClose, onBlocked }: BlockSheetProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const describeError = useDescribeError();
  const [blocking, setBlocking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = person.nickname;

  const close = () => {
    if (blocking) return;
    setError(null);
    onClose();
  };

  const block = async () => {
    setBlocking(true);
    setError(null);
    try {
      await blockUser(person.userId);
      toast(t('blocks.done', { name }));
      setBlocking(false);
      onBlocked();
    } catch (failure) {
      setBlocking(false);
      setError(describeError(failure));
    }
  };

  return (
    <Sheet
      open={open}
      onClose={close}
      title={t('blocks.confirmTitle', { name })}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button variant="danger" icon={<Icon name="ban" size={18} />} loading={blocking} onClick={() => void block()}>
            {t('blocks.confirm', { name })}
          </Button>
        </>
      }
    >
      <div className="stack">
        <p>{t('blocks.confirmIntro', { name })}</p>
        <ul className="block-effects">
          {EFFECTS.map(({ key, icon }) => (
            <li key={key} className="block-effects__item">
              <span className="block-effects__icon">
                <Icon name={icon} size={18} />
              </span>
              {t(`blocks.effects.${key}`)}
            </li>
          ))}
        </ul>
        <p className="muted text-sm">{t('blocks.confirmNote', { name })}</p>
        {error && <FormAlert>{error}</FormAlert>}
      </div>
    </Sheet>
  );
}
