/**
 * One message as a bubble: mine on the right, theirs on the left, with its text, photo or voice,
 * the time and (for mine) how far it got: sending, sent ✓, delivered ✓✓, read. A message still on
 * its way shows its upload or a retry. The ⋯ button, a right click or a long press opens its
 * actions.
 */
import type { ConversationView, MessageView } from '@airtalk/contracts';
import { useRef, type CSSProperties, type PointerEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Icon } from '../../components';
import { useLanguage } from '../../i18n';
import { useDescribeError } from '../../lib';
import { receiptStatus, type ReceiptStatus } from './chatState';
import { formatClockTime } from './chatFormat';
import type { OutboxEntry } from './outbox';
import { VoicePlayer } from './VoicePlayer';

const LONG_PRESS_MS = 500;
/** A finger that moves this far is scrolling, not pressing. */
const LONG_PRESS_SLOP_PX = 10;

export interface PhotoToOpen {
  url: string;
  width: number | null;
  height: number | null;
  alt: string;
}

interface CommonProps {
  peerName: string;
  onActions: () => void;
  onOpenPhoto: (photo: PhotoToOpen) => void;
}

function useLongPress(onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const cancel = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    start.current = null;
  };
  return {
    onPointerDown: (event: PointerEvent) => {
      if (event.pointerType !== 'touch') return;
      start.current = { x: event.clientX, y: event.clientY };
      timer.current = setTimeout(() => {
        timer.current = null;
        onLongPress();
      }, LONG_PRESS_MS);
    },
    onPointerMove: (event: PointerEvent) => {
      const origin = start.current;
      if (origin && Math.hypot(event.clientX - origin.x, event.clientY - origin.y) > LONG_PRESS_SLOP_PX) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
    onContextMenu: (event: { preventDefault: () => void }) => {
      event.preventDefault();
      cancel();
      onLongPress();
    },
  };
}

/** Reserves the photo's shape before it loads, so nothing below it jumps. */
function photoStyle(width: number | null, height: number | null): CSSProperties | undefined {
  return width && height ? { aspectRatio: `${width} / ${height}` } : undefined;
}

function Photo({ photo, onOpen }: { photo: PhotoToOpen; onOpen: (photo: PhotoToOpen) => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="bubble__photo"
      onClick={() => {
        onOpen(photo);
      }}
    >
      <img
        src={photo.url}
        alt={photo.alt}
        width={photo.width ?? undefined}
        height={photo.height ?? undefined}
        style={photoStyle(photo.width, photo.height)}
        decoding="async"
        loading="lazy"
      />
      <span className="visually-hidden">{t('chat.message.openPhoto')}</span>
    </button>
  );
}

function Shell({
  mine,
  media,
  children,
  meta,
  after,
  onActions,
}: {
  mine: boolean;
  media: boolean;
  children: ReactNode;
  meta: ReactNode;
  after?: ReactNode;
  onActions: () => void;
}) {
  const { t } = useTranslation();
  const press = useLongPress(onActions);
  return (
    <li className={mine ? 'bubble-row bubble-row--mine' : 'bubble-row'}>
      <div className="bubble-row__line">
        <div className={['bubble', mine ? 'bubble--mine' : '', media ? 'bubble--media' : ''].join(' ')} {...press}>
          {children}
          <span className="bubble__meta">{meta}</span>
        </div>
        <button type="button" className="bubble__more" onClick={onActions}>
          <Icon name="more" size={18} />
          <span className="visually-hidden">{t('chat.message.actions')}</span>
        </button>
      </div>
      {after}
    </li>
  );
}

const RECEIPT_ICONS = { sent: 'check', delivered: 'checkCheck', read: 'checkCheck' } as const;

function Receipt({ status }: { status: ReceiptStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`bubble__receipt bubble__receipt--${status}`}>
      <Icon name={RECEIPT_ICONS[status]} size={14} />
      <span className="visually-hidden">{t(`chat.message.${status}`)}</span>
    </span>
  );
}

interface MessageBubbleProps extends CommonProps {
  message: MessageView;
  conversation: ConversationView;
  mine: boolean;
  /** The newest of my messages spells out its receipt ("Read") under the bubble. */
  showReceiptText: boolean;
}

export function MessageBubble({
  message,
  conversation,
  mine,
  showReceiptText,
  peerName,
  onActions,
  onOpenPhoto,
}: MessageBubbleProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const time = formatClockTime(message.sentAtMs, language);
  const status = mine ? receiptStatus(message, conversation) : null;
  const { media } = message;
  const content =
    message.kind === 'image' && media ? (
      <Photo
        photo={{
          url: media.url,
          width: media.width,
          height: media.height,
          alt: mine ? t('chat.message.myPhotoAlt') : t('chat.message.photoAlt', { name: peerName }),
        }}
        onOpen={onOpenPhoto}
      />
    ) : message.kind === 'voice' && media ? (
      <VoicePlayer url={media.url} durationMs={media.durationMs} />
    ) : (
      <p className="bubble__text">{message.text}</p>
    );
  return (
    <Shell
      mine={mine}
      media={message.kind === 'image'}
      onActions={onActions}
      meta={
        <>
          <time dateTime={new Date(message.sentAtMs).toISOString()}>{time}</time>
          {status && <Receipt status={status} />}
        </>
      }
      after={
        status && showReceiptText ? (
          <p className={`bubble-row__receipt bubble-row__receipt--${status}`} aria-hidden="true">
            {t(`chat.message.${status}`)}
          </p>
        ) : undefined
      }
    >
      {content}
    </Shell>
  );
}

/** A refusal that no retry can change (a block, an account gone) offers no retry. */
export function isRetryable(entry: OutboxEntry): boolean {
  return entry.state === 'failed' && entry.error?.code !== 'CANNOT_MESSAGE';
}

interface EntryBubbleProps extends CommonProps {
  entry: OutboxEntry;
  onRetry: () => void;
}

/** A message of mine not yet stored: sending, uploading, or failed with a retry. */
export function EntryBubble({ entry, onActions, onOpenPhoto, onRetry }: EntryBubbleProps) {
  const { t } = useTranslation();
  const describeError = useDescribeError();
  const { content } = entry;
  const body =
    content.kind === 'text' ? (
      <p className="bubble__text">{content.text}</p>
    ) : content.media.kind === 'image' ? (
      <Photo
        photo={{
          url: content.media.previewUrl,
          width: content.media.width,
          height: content.media.height,
          alt: t('chat.message.myPhotoAlt'),
        }}
        onOpen={onOpenPhoto}
      />
    ) : (
      <VoicePlayer url={content.media.previewUrl} durationMs={content.media.durationMs} />
    );
  const uploading = entry.state === 'uploading';
  const failed = entry.state === 'failed';
  // The server wants the microphone consent first: the way forward is granting it, then the retry.
  const needsConsent = entry.error?.code === 'CONSENT_REQUIRED';
  const retryable = isRetryable(entry);
  // A refused field (a file already sent, say) says it best, in the words the server chose for it.
  const reason = entry.error ? (Object.values(entry.error.fields)[0] ?? describeError(entry.error)) : null;
  const meta = failed ? (
    <Icon name="alert" size={14} />
  ) : (
    <>
      <Icon name="clock" size={14} />
      <span className="visually-hidden">{t('chat.message.sending')}</span>
    </>
  );
  return (
    <Shell
      mine
      media={content.kind === 'media' && content.media.kind === 'image'}
      onActions={onActions}
      meta={meta}
      after={
        failed ? (
          <div className="bubble-row__failed" role="alert">
            <span>
              {t('chat.message.failed')} {reason}
            </span>
            {retryable && (
              <Button
                variant="ghost"
                size="sm"
                icon={<Icon name={needsConsent ? 'mic' : 'retry'} size={16} />}
                aria-label={needsConsent ? undefined : t('chat.message.retryLabel')}
                onClick={onRetry}
              >
                {needsConsent ? t('chat.voice.allowAndRetry') : t('chat.message.retry')}
              </Button>
            )}
          </div>
        ) : uploading ? (
          <div className="bubble-row__upload">
            <span>
              {entry.uploadPercent === null
                ? t('chat.message.uploadingNoPercent')
                : t('chat.message.uploading', { percent: entry.uploadPercent })}
            </span>
            <progress max={100} {...(entry.uploadPercent === null ? {} : { value: entry.uploadPercent })} />
          </div>
        ) : undefined
      }
    >
      {body}
    </Shell>
  );
}
