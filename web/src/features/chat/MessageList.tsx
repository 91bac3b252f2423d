/**
 * The scrolling history of a conversation. It opens at the newest message and loads older pages
 * as the top comes into view (or on the button there, for keyboards); reading back keeps its
 * place while pages arrive above and while new messages arrive below, which a "new messages"
 * button then offers to jump to. My own new message always scrolls into view.
 */
import type { ConversationView } from '@airtalk/contracts';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Icon, Spinner } from '../../components';
import { useLanguage } from '../../i18n';
import { useNow } from '../../lib';
import type { ThreadState } from './chatState';
import { dayName } from './chatFormat';
import { EntryBubble, MessageBubble, type PhotoToOpen } from './MessageBubble';
import type { OutboxEntry } from './outbox';
import { threadItems, type Notice, type ThreadItem } from './threadItems';
import { useChatWords } from './useChatWords';

/** Closer to the bottom than this counts as reading the newest messages. */
const AT_BOTTOM_PX = 96;
/** Older pages start loading this far before the top is reached. */
const PRELOAD_MARGIN_PX = 320;

export type Selection =
  { type: 'message'; item: Extract<ThreadItem, { type: 'message' }> } | { type: 'entry'; entry: OutboxEntry };

interface MessageListProps {
  conversation: ConversationView;
  thread: ThreadState;
  entries: readonly OutboxEntry[];
  me: string;
  onLoadOlder: () => void;
  onSelect: (selection: Selection) => void;
  onRetry: (entry: OutboxEntry) => void;
  onOpenPhoto: (photo: PhotoToOpen) => void;
}

export function MessageList({
  conversation,
  thread,
  entries,
  me,
  onLoadOlder,
  onSelect,
  onRetry,
  onOpenPhoto,
}: MessageListProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const words = useChatWords();
  const now = useNow();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const topRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const previous = useRef<{ firstKey: string | null; lastKey: string | null; scrollHeight: number }>({
    firstKey: null,
    lastKey: null,
    scrollHeight: 0,
  });
  const [unseen, setUnseen] = useState(false);
  const peerName = words.peerName(conversation);

  const items = useMemo(() => threadItems(thread.messages, entries), [thread.messages, entries]);
  const lastMineSeq = useMemo(() => {
    for (let index = thread.messages.length - 1; index >= 0; index -= 1) {
      const message = thread.messages[index];
      if (message && message.senderId === me && message.kind !== 'system' && message.recalledAtMs === null) {
        return message.seq;
      }
    }
    return null;
  }, [thread.messages, me]);

  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    // A day line keeps its key while older messages of the same day arrive above it: compare messages.
    const firstKey = items.find((item) => item.type !== 'day')?.key ?? null;
    const lastItem = items.at(-1);
    const lastKey = lastItem?.key ?? null;
    const before = previous.current;
    if (before.firstKey !== null && firstKey !== before.firstKey && lastKey === before.lastKey) {
      // Older messages came in above: keep what the person is reading where it was.
      scroller.scrollTop += scroller.scrollHeight - before.scrollHeight;
    } else if (lastKey !== before.lastKey) {
      const mineNew = lastItem?.type === 'entry' || (lastItem?.type === 'message' && lastItem.message.senderId === me);
      if (atBottom.current || mineNew || before.lastKey === null) {
        scroller.scrollTop = scroller.scrollHeight;
        atBottom.current = true;
      } else {
        setUnseen(true);
      }
    } else if (atBottom.current) {
      // Something at the bottom grew (a receipt line, an upload bar): stay with it.
      scroller.scrollTop = scroller.scrollHeight;
    }
    previous.current = { firstKey, lastKey, scrollHeight: scroller.scrollHeight };
  }, [items, me]);

  // Older pages load as the top comes near.
  const canLoadOlder = thread.phase === 'ready' && thread.hasOlder && thread.olderPhase === 'idle';
  useEffect(() => {
    const target = topRef.current;
    const root = scrollerRef.current;
    if (!target || !root || !canLoadOlder) return undefined;
    const observer = new IntersectionObserver(
      (observed) => {
        if (observed.some((entry) => entry.isIntersecting)) onLoadOlder();
      },
      { root, rootMargin: `${PRELOAD_MARGIN_PX}px 0px 0px 0px` },
    );
    observer.observe(target);
    return () => {
      observer.disconnect();
    };
  }, [canLoadOlder, onLoadOlder]);

  const scrollToNewest = () => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    scroller.scrollTop = scroller.scrollHeight;
    atBottom.current = true;
    setUnseen(false);
  };

  const noticeText = (notice: Notice) => {
    switch (notice.kind) {
      case 'started':
        return notice.starterId === me
          ? t('chat.conversation.startedByMe')
          : t('chat.conversation.startedByPeer', { name: peerName });
      case 'recalled':
        return words.recallNotice(notice.recallerId, conversation, me);
      case 'erased':
        return t('chat.preview.erased');
    }
  };

  const dayText = (atMs: number) => {
    const name = dayName(atMs, now, language);
    return name.kind === 'date' ? name.text : t(`chat.conversation.${name.kind}`);
  };

  const renderItem = (item: ThreadItem) => {
    switch (item.type) {
      case 'day':
        return (
          <li key={item.key} className="thread__day">
            <span>{dayText(item.atMs)}</span>
          </li>
        );
      case 'notice':
        return (
          <li key={item.key} className="thread__notice">
            <span>{noticeText(item.notice)}</span>
          </li>
        );
      case 'message':
        return (
          <MessageBubble
            key={item.key}
            message={item.message}
            conversation={conversation}
            mine={item.message.senderId === me}
            showReceiptText={item.message.seq === lastMineSeq && entries.length === 0}
            peerName={peerName}
            onActions={() => {
              onSelect({ type: 'message', item });
            }}
            onOpenPhoto={onOpenPhoto}
          />
        );
      case 'entry':
        return (
          <EntryBubble
            key={item.key}
            entry={item.entry}
            peerName={peerName}
            onActions={() => {
              onSelect({ type: 'entry', entry: item.entry });
            }}
            onRetry={() => {
              onRetry(item.entry);
            }}
            onOpenPhoto={onOpenPhoto}
          />
        );
    }
  };

  const olderControl = () => {
    if (thread.phase !== 'ready') return null;
    if (!thread.hasOlder) return <p className="thread__beginning">{t('chat.conversation.beginning')}</p>;
    if (thread.olderPhase === 'loading') {
      return (
        <p className="thread__older" role="status">
          <Spinner size={16} />
          <span>{t('chat.conversation.loadingOlder')}</span>
        </p>
      );
    }
    return (
      <div className="thread__older">
        {thread.olderPhase === 'failed' && <span role="alert">{t('chat.conversation.olderFailed')}</span>}
        <Button variant="ghost" size="sm" onClick={onLoadOlder}>
          {thread.olderPhase === 'failed' ? t('common.retry') : t('chat.conversation.loadOlder')}
        </Button>
      </div>
    );
  };

  const empty = thread.phase === 'ready' && !items.some((item) => item.type === 'message' || item.type === 'entry');

  return (
    <div className="thread">
      <div
        ref={scrollerRef}
        className="thread__scroller"
        tabIndex={0}
        role="region"
        aria-label={t('chat.conversation.log', { name: peerName })}
        onScroll={(event) => {
          const scroller = event.currentTarget;
          atBottom.current = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < AT_BOTTOM_PX;
          if (atBottom.current && unseen) setUnseen(false);
        }}
      >
        <div ref={topRef} className="thread__top">
          {olderControl()}
        </div>
        {empty && (
          <div className="thread__empty">
            <p className="thread__empty-title">{t('chat.conversation.emptyTitle', { name: peerName })}</p>
            <p className="thread__empty-body">{t('chat.conversation.emptyBody')}</p>
          </div>
        )}
        <ol className="thread__items">{items.map(renderItem)}</ol>
      </div>
      {unseen && (
        <button type="button" className="thread__jump" onClick={scrollToNewest}>
          <Icon name="arrowDown" size={16} />
          <span>{t('chat.conversation.newMessages')}</span>
        </button>
      )}
    </div>
  );
}
