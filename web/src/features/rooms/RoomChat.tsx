/**
 * The room's chat panel: messages as they arrive (the newest in view unless the reader scrolled up),
 * mine while on their way or failed (with retry and delete), and the box to write in. Enter sends,
 * never while an input method is composing Chinese. New messages from others are announced.
 */
import { ROOM_CHAT_TEXT_MAX_LENGTH, type RoomMessageView } from '@airtalk/contracts';
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components';
import type { PendingChat } from './roomState';

/** Within this many pixels of the bottom counts as reading the newest messages. */
const STICK_PX = 80;

interface RoomChatProps {
  me: string;
  messages: readonly RoomMessageView[];
  pending: readonly PendingChat[];
  onSend: (text: string) => void;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}

export function RoomChat({ me, messages, pending, onSend, onRetry, onDiscard }: RoomChatProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const inputId = useId();
  const problemId = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const stuck = useRef(true);
  const newest = messages.at(-1);
  // What was there when the room opened is history, not news.
  const [firstSeq] = useState(() => newest?.seq ?? 0);
  const announce = newest !== undefined && newest.seq > firstSeq && newest.sender.userId !== me;

  useLayoutEffect(() => {
    const log = logRef.current;
    if (log && stuck.current) log.scrollTop = log.scrollHeight;
  }, [messages.length, pending.length]);

  useEffect(() => {
    const log = logRef.current;
    if (!log) return;
    const onScroll = () => {
      stuck.current = log.scrollHeight - log.scrollTop - log.clientHeight < STICK_PX;
    };
    log.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      log.removeEventListener('scroll', onScroll);
    };
  }, []);

  const send = () => {
    const message = text.trim();
    if (message === '') return;
    if (message.length > ROOM_CHAT_TEXT_MAX_LENGTH) {
      setProblem(t('rooms.chat.tooLong', { max: ROOM_CHAT_TEXT_MAX_LENGTH, count: message.length }));
      return;
    }
    stuck.current = true;
    onSend(message);
    setText('');
    setProblem(null);
  };

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  };

  return (
    <section className="room-chat" aria-labelledby={headingId}>
      <h2 id={headingId} className="room-chat__heading">
        {t('rooms.chat.heading')}
      </h2>
      <div ref={logRef} className="room-chat__log" role="log" aria-label={t('rooms.chat.log')} tabIndex={0}>
        {messages.length === 0 && pending.length === 0 ? (
          <p className="room-chat__empty">{t('rooms.chat.empty')}</p>
        ) : (
          <ol className="room-chat__items">
            {messages.map((message) => (
              <li
                key={message.seq}
                className={message.sender.userId === me ? 'room-chat__item room-chat__item--mine' : 'room-chat__item'}
              >
                <span className="room-chat__name">{message.sender.nickname}</span>{' '}
                <span className="room-chat__text">{message.text}</span>
              </li>
            ))}
            {pending.map((entry) => (
              <li key={entry.clientId} className="room-chat__item room-chat__item--mine room-chat__item--pending">
                <span className="room-chat__name">{t('rooms.room.you')}</span>{' '}
                <span className="room-chat__text">{entry.text}</span>
                {entry.state === 'sending' ? (
                  <span className="room-chat__state">{t('rooms.chat.sending')}</span>
                ) : (
                  <span className="room-chat__state room-chat__state--failed">
                    {t('rooms.chat.failed')}{' '}
                    <button
                      type="button"
                      className="room-chat__action"
                      onClick={() => {
                        onRetry(entry.clientId);
                      }}
                    >
                      {t('rooms.chat.retry')}
                    </button>{' '}
                    <button
                      type="button"
                      className="room-chat__action"
                      onClick={() => {
                        onDiscard(entry.clientId);
                      }}
                    >
                      {t('rooms.chat.discard')}
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ol>
        )}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announce ? t('rooms.chat.announce', { name: newest.sender.nickname, text: newest.text }) : ''}
      </p>
      <form className="room-chat__composer" onSubmit={onSubmit}>
        <p id={problemId} className="room-chat__problem" role="alert">
          {problem}
        </p>
        <div className="room-chat__row">
          <label htmlFor={inputId} className="visually-hidden">
            {t('rooms.chat.label')}
          </label>
          <textarea
            id={inputId}
            className="room-chat__input"
            rows={1}
            value={text}
            placeholder={t('rooms.chat.placeholder')}
            enterKeyHint="send"
            aria-describedby={problem ? problemId : undefined}
            onChange={(event) => {
              setText(event.target.value);
              if (problem) setProblem(null);
            }}
            onKeyDown={onKeyDown}
          />
          <button type="submit" className="room-chat__send">
            <Icon name="send" size={18} />
            <span className="visually-hidden">{t('rooms.chat.send')}</span>
          </button>
        </div>
      </form>
    </section>
  );
}
