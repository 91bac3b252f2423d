/**
 * /chats/:conversationId: one conversation. The other person at the top (online, last seen or
 * typing…), the history, and the composer, or a plain notice where no message can be sent.
 * Read receipts go out while it is on screen; a new message from the other person is announced
 * to screen readers.
 */
import { RECALL_WINDOW_MS, type ConversationView } from '@airtalk/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Avatar, Button, ButtonLink, Icon, LoadFailed, Loading, Sheet, useToast } from '../../components';
import { useLanguage } from '../../i18n';
import { formatTimeAgo, isApiError, useDescribeError, useDocumentTitle, useNow } from '../../lib';
import { profilePath } from '../profiles';
import { hasMicrophoneConsent } from './api';
import { useChatClient, useChatSnapshot } from './ChatProvider';
import { Composer } from './Composer';
import { ConnectionNotice } from './ConnectionNotice';
import { isRetryable, type PhotoToOpen } from './MessageBubble';
import { MessageList, type Selection } from './MessageList';
import { MicrophoneConsentSheet } from './MicrophoneConsentSheet';
import type { OutboxEntry } from './outbox';
import { useChatWords } from './useChatWords';

const AVATAR_PX = 72;

export function ConversationRoute() {
  const { conversationId = '' } = useParams();
  // Another conversation is another page: no sheet, selection or draft carries over.
  return <ConversationPage key={conversationId} conversationId={conversationId} />;
}

const isUnavailable = (error: unknown) =>
  isApiError(error) && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION_FAILED');

function ConversationPage({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const describeError = useDescribeError();
  const client = useChatClient();
  const chat = useChatSnapshot();
  const words = useChatWords();
  const conversation = chat.conversations.get(conversationId);
  const thread = chat.threads.get(conversationId);
  const name = conversation ? words.peerName(conversation) : '';
  useDocumentTitle(conversation ? name : t('chat.title'));

  useEffect(() => {
    client.openThread(conversationId);
    client.setActive(conversationId);
    return () => {
      client.setActive(null);
      client.stopTyping(conversationId);
    };
  }, [client, conversationId]);

  if (thread?.phase === 'failed' && isUnavailable(thread.error)) {
    return (
      <div className="conversation conversation--message">
        <BackToChats />
        <div className="chat-pick">
          <span className="chat-pick__icon">
            <Icon name="message" size={28} />
          </span>
          <h1 className="chat-pick__title">{t('chat.conversation.notFound')}</h1>
          <p className="chat-pick__body">{t('chat.conversation.notFoundBody')}</p>
        </div>
      </div>
    );
  }
  if (!conversation || !thread || thread.phase === 'loading' || thread.phase === 'failed') {
    return (
      <div className="conversation conversation--message">
        <BackToChats />
        {thread?.phase === 'failed' ? (
          <LoadFailed
            message={t('chat.conversation.loadFailed')}
            detail={describeError(thread.error)}
            onRetry={() => {
              client.openThread(conversationId);
            }}
          />
        ) : (
          <Loading />
        )}
      </div>
    );
  }
  return <OpenConversation conversation={conversation} />;
}

function BackToChats() {
  const { t } = useTranslation();
  return (
    <Link to="/chats" className="conversation__back">
      <Icon name="chevronLeft" size={20} />
      <span>{t('chat.conversation.back')}</span>
    </Link>
  );
}

function OpenConversation({ conversation }: { conversation: ConversationView }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const toast = useToast();
  const describeError = useDescribeError();
  const client = useChatClient();
  const chat = useChatSnapshot();
  const words = useChatWords();
  const now = useNow();
  const conversationId = conversation.id;
  const thread = chat.threads.get(conversationId);
  const entries = chat.outbox.filter((entry) => entry.conversationId === conversationId);
  const name = words.peerName(conversation);
  const typing = chat.typing.has(conversationId);
  const [selection, setSelection] = useState<Selection | null>(null);
  /** Whether the selected message could still be recalled when its actions were opened. */
  const [recallable, setRecallable] = useState(false);
  const [photo, setPhoto] = useState<PhotoToOpen | null>(null);
  const [busy, setBusy] = useState<'recall' | 'delete' | null>(null);
  const [consentSheet, setConsentSheet] = useState<{ then: () => void } | null>(null);
  const microphone = useRef<'unknown' | 'granted'>('unknown');
  const { peer } = conversation;
  const avatar = peer.avatarUrl ? { url: peer.avatarUrl, width: AVATAR_PX, height: AVATAR_PX } : null;

  // While the connection is lost, whether they are online is not known: say nothing rather than something stale.
  const online = peer.online && !chat.connectionLost;
  const presence = typing
    ? t('chat.conversation.typing')
    : chat.connectionLost
      ? ''
      : online
        ? t('chat.conversation.online')
        : peer.lastSeenAtMs !== null
          ? t('chat.conversation.lastSeen', {
              when: formatTimeAgo(new Date(peer.lastSeenAtMs).toISOString(), now, language),
            })
          : '';

  const needMicrophone = useCallback((then: () => void) => {
    if (microphone.current === 'granted') {
      then();
      return;
    }
    hasMicrophoneConsent().then(
      (granted) => {
        if (granted) {
          microphone.current = 'granted';
          then();
        } else setConsentSheet({ then });
      },
      () => {
        setConsentSheet({ then });
      },
    );
  }, []);

  const retry = (entry: OutboxEntry) => {
    if (entry.error?.code === 'CONSENT_REQUIRED') {
      microphone.current = 'unknown';
      setConsentSheet({
        then: () => {
          client.retry(entry.clientId);
        },
      });
      return;
    }
    client.retry(entry.clientId);
  };

  const loadOlder = useCallback(() => {
    client.loadOlder(conversationId);
  }, [client, conversationId]);

  const closeActions = () => {
    if (busy === null) setSelection(null);
  };

  const selectedMessage = selection?.type === 'message' ? selection.item.message : null;
  const mineSelected = selectedMessage?.senderId === chat.me;
  const canRecall = selectedMessage !== null && mineSelected && recallable;

  const select = useCallback(
    (next: Selection) => {
      const message = next.type === 'message' ? next.item.message : null;
      setRecallable(
        message !== null &&
          message.senderId === chat.me &&
          message.recalledAtMs === null &&
          Date.now() - message.sentAtMs < RECALL_WINDOW_MS,
      );
      setSelection(next);
    },
    [chat.me],
  );

  const recall = async () => {
    if (!selectedMessage) return;
    setBusy('recall');
    try {
      await client.recall(conversationId, selectedMessage.id);
      toast(t('chat.message.recalled'));
      setSelection(null);
    } catch (error) {
      toast(describeError(error), 'error');
    } finally {
      setBusy(null);
    }
  };

  const deleteForMe = async () => {
    if (!selectedMessage) return;
    setBusy('delete');
    try {
      await client.deleteForMe(conversationId, selectedMessage.id);
      toast(t('chat.message.deleted'));
      setSelection(null);
    } catch (error) {
      toast(describeError(error), 'error');
    } finally {
      setBusy(null);
    }
  };

  const copy = async () => {
    if (!selectedMessage?.text) return;
    try {
      await navigator.clipboard.writeText(selectedMessage.text);
      toast(t('chat.message.copied'));
    } catch (error) {
      toast(describeError(error), 'error');
    }
    setSelection(null);
  };

  return (
    <div className="conversation">
      <header className="conversation__header">
        <Link to="/chats" className="conversation__back conversation__back--icon">
          <Icon name="chevronLeft" size={22} />
          <span className="visually-hidden">{t('chat.conversation.back')}</span>
        </Link>
        <span className="conversation__avatar">
          <Avatar name={name} size="sm" photo={avatar} />
          {online && <span className="online-dot" aria-hidden="true" />}
        </span>
        <div className="conversation__who">
          <h1 className="conversation__name">{name}</h1>
          <p className={typing ? 'conversation__presence conversation__presence--typing' : 'conversation__presence'}>
            {presence}
          </p>
        </div>
        {peer.userId !== null && (
          <ButtonLink
            to={profilePath(peer.userId)}
            variant="ghost"
            size="sm"
            className="conversation__profile"
            icon={<Icon name="user" size={18} />}
            aria-label={t('chat.conversation.viewProfile', { name })}
          >
            {null}
          </ButtonLink>
        )}
      </header>
      <ConnectionNotice lost={chat.connectionLost} />
      {thread && (
        <MessageList
          conversation={conversation}
          thread={thread}
          entries={entries}
          me={chat.me}
          onLoadOlder={loadOlder}
          onSelect={select}
          onRetry={retry}
          onOpenPhoto={setPhoto}
        />
      )}
      <Announcer conversation={conversation} />
      {conversation.canSend ? (
        <Composer conversationId={conversationId} onNeedMicrophone={needMicrophone} />
      ) : (
        <div className="conversation__closed" role="note">
          <Icon name="ban" size={20} />
          <div>
            <p className="conversation__closed-title">{t('chat.composer.cannotSendTitle', { name })}</p>
            <p className="conversation__closed-body">{t('chat.composer.cannotSendBody')}</p>
          </div>
        </div>
      )}

      <Sheet open={selection !== null} onClose={closeActions} title={t('chat.message.actionsTitle')}>
        <div className="message-actions">
          {selection?.type === 'entry' ? (
            <>
              {isRetryable(selection.entry) && (
                <Button
                  variant="secondary"
                  block
                  icon={<Icon name="retry" size={18} />}
                  onClick={() => {
                    retry(selection.entry);
                    setSelection(null);
                  }}
                >
                  {t('chat.message.retry')}
                </Button>
              )}
              <Button
                variant="secondary"
                block
                icon={<Icon name="trash" size={18} />}
                onClick={() => {
                  client.discard(selection.entry.clientId);
                  setSelection(null);
                  toast(t('chat.message.deleted'));
                }}
              >
                {t('chat.message.deleteUnsent')}
              </Button>
            </>
          ) : selectedMessage ? (
            <>
              {selectedMessage.kind === 'text' && selectedMessage.text && (
                <Button variant="secondary" block icon={<Icon name="copy" size={18} />} onClick={() => void copy()}>
                  {t('chat.message.copy')}
                </Button>
              )}
              {canRecall && (
                <Button
                  variant="secondary"
                  block
                  icon={<Icon name="undo" size={18} />}
                  loading={busy === 'recall'}
                  onClick={() => void recall()}
                >
                  {t('chat.message.recall')}
                </Button>
              )}
              <Button
                variant="danger"
                block
                icon={<Icon name="trash" size={18} />}
                loading={busy === 'delete'}
                onClick={() => void deleteForMe()}
              >
                {t('chat.message.deleteForMe')}
              </Button>
              <p className="muted text-sm">
                {canRecall ? `${t('chat.message.recallHint')} ` : ''}
                {t('chat.message.deleteForMeHint', { name })}
              </p>
            </>
          ) : null}
        </div>
      </Sheet>

      <Sheet
        open={photo !== null}
        onClose={() => {
          setPhoto(null);
        }}
        title={t('chat.message.photoTitle')}
        size="lg"
      >
        {photo && (
          <img
            className="photo-viewer__image"
            src={photo.url}
            alt={photo.alt}
            width={photo.width ?? undefined}
            height={photo.height ?? undefined}
          />
        )}
      </Sheet>

      <MicrophoneConsentSheet
        open={consentSheet !== null}
        onClose={() => {
          setConsentSheet(null);
        }}
        onGranted={() => {
          microphone.current = 'granted';
          const then = consentSheet?.then;
          setConsentSheet(null);
          then?.();
        }}
      />
    </div>
  );
}

/** Says the other person's newest message aloud to screen readers, once, as it arrives. */
function Announcer({ conversation }: { conversation: ConversationView }) {
  const { t } = useTranslation();
  const chat = useChatSnapshot();
  const words = useChatWords();
  const thread = chat.threads.get(conversation.id);
  const newest = thread?.messages.at(-1);
  // What was already there when the conversation opened is history, not news.
  const [firstSeenId] = useState(() => newest?.id ?? null);
  const announce =
    newest !== undefined && newest.id !== firstSeenId && newest.senderId !== chat.me && newest.kind !== 'system';
  return (
    <p className="visually-hidden" aria-live="polite">
      {announce
        ? t('chat.conversation.announce', {
            name: words.peerName(conversation),
            text: words.preview(newest, conversation, chat.me),
          })
        : ''}
    </p>
  );
}
