/**
 * The list of chats, newest activity first: the other person (with an online dot), the last
 * message or "typing…", when it was sent and the unread count. Below it, the switch for sound and
 * vibration on new messages.
 */
import type { ConversationView } from '@airtalk/contracts';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Avatar, ButtonLink, EmptyState, Icon, LoadFailed, Loading, Switch, useToast } from '../../components';
import { useLanguage } from '../../i18n';
import { useDescribeError, useNow } from '../../lib';
import { byRecentActivity } from './chatState';
import { formatListTime } from './chatFormat';
import { useChatClient, useChatSnapshot } from './ChatProvider';
import { ConnectionNotice } from './ConnectionNotice';
import { conversationPath } from './paths';
import { useChatWords } from './useChatWords';

/** The size avatar photos are drawn at in the list. */
const AVATAR_PX = 96;

interface ConversationListProps {
  /** 1 when the list is the page; 2 when a conversation beside it has the page's heading. */
  headingLevel: 1 | 2;
  activeId: string | null;
}

export function ConversationList({ headingLevel, activeId }: ConversationListProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const describeError = useDescribeError();
  const client = useChatClient();
  const chat = useChatSnapshot();
  const headingId = useId();
  const Heading = headingLevel === 1 ? 'h1' : 'h2';

  const conversations = useMemo(() => [...chat.conversations.values()].sort(byRecentActivity), [chat.conversations]);

  const renderBody = () => {
    if (chat.listPhase === 'loading' && conversations.length === 0) return <Loading />;
    if (chat.listPhase === 'failed' && conversations.length === 0) {
      return (
        <LoadFailed
          message={t('chat.list.loadFailed')}
          detail={describeError(chat.listError)}
          onRetry={() => {
            client.reloadList();
          }}
        />
      );
    }
    if (conversations.length === 0) {
      return (
        <div className="chat-list__empty">
          <EmptyState icon="message" title={t('chat.list.emptyTitle')}>
            {t('chat.list.emptyBody')}
          </EmptyState>
          <ButtonLink to="/nearby" variant="secondary" icon={<Icon name="users" size={18} />}>
            {t('chat.list.findPeople')}
          </ButtonLink>
        </div>
      );
    }
    return (
      <ul className="chat-list__items" aria-labelledby={headingId}>
        {conversations.map((conversation) => (
          <ConversationRow
            key={conversation.id}
            conversation={conversation}
            me={chat.me}
            typing={chat.typing.has(conversation.id)}
            active={conversation.id === activeId}
          />
        ))}
      </ul>
    );
  };

  return (
    <section className="chat-list" aria-labelledby={headingId}>
      <header className="chat-list__header">
        <Heading id={headingId} className="chat-list__title">
          {t('chat.title')}
        </Heading>
      </header>
      <ConnectionNotice lost={chat.connectionLost} />
      <div className="chat-list__body">{renderBody()}</div>
      <div className="chat-list__alerts">
        <Switch
          leading={<Icon name="bell" size={20} />}
          label={t('chat.alerts.label')}
          description={t('chat.alerts.hint')}
          checked={chat.alertsEnabled}
          onChange={(enabled) => {
            client.setAlerts(enabled);
            toast(enabled ? t('chat.alerts.on') : t('chat.alerts.off'), 'info');
          }}
        />
      </div>
    </section>
  );
}

interface ConversationRowProps {
  conversation: ConversationView;
  me: string;
  typing: boolean;
  active: boolean;
}

function ConversationRow({ conversation, me, typing, active }: ConversationRowProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const words = useChatWords();
  const now = useNow();
  const nameId = useId();
  const detailsId = useId();
  const name = words.peerName(conversation);
  const { lastMessage, unreadCount, peer } = conversation;
  const photo = peer.avatarUrl ? { url: peer.avatarUrl, width: AVATAR_PX, height: AVATAR_PX } : null;
  const mine = lastMessage?.senderId === me && lastMessage.kind !== 'system' && lastMessage.recalledAtMs === null;
  const previewText = lastMessage ? words.preview(lastMessage, conversation, me) : '';
  const preview = typing ? t('chat.list.typing') : mine ? t('chat.list.youPrefix', { text: previewText }) : previewText;
  const time = formatListTime(conversation.lastMessageAtMs, now, language);

  return (
    <li className="chat-row">
      <Link
        to={conversationPath(conversation.id)}
        className={unreadCount > 0 ? 'chat-row__link chat-row__link--unread' : 'chat-row__link'}
        aria-current={active ? 'page' : undefined}
        aria-labelledby={nameId}
        aria-describedby={detailsId}
      >
        <span className="chat-row__avatar">
          <Avatar name={name} size="md" photo={photo} />
          {peer.online && <span className="online-dot" aria-hidden="true" />}
        </span>
        <span className="chat-row__text">
          <span className="chat-row__top">
            <span id={nameId} className="chat-row__name">
              {name}
            </span>
            <span className="chat-row__time" aria-hidden="true">
              {time}
            </span>
          </span>
          <span className="chat-row__bottom" aria-hidden="true">
            <span className={typing ? 'chat-row__preview chat-row__preview--typing' : 'chat-row__preview'}>
              {preview}
            </span>
            {unreadCount > 0 && <span className="chat-row__badge">{unreadCount > 99 ? '99+' : unreadCount}</span>}
          </span>
        </span>
        <span id={detailsId} className="visually-hidden">
          {[
            unreadCount > 0 ? t('chat.list.unread', { count: unreadCount }) : null,
            peer.online ? t('chat.conversation.online') : null,
            preview,
            time,
          ]
            .filter(Boolean)
            .join(', ')}
        </span>
      </Link>
    </li>
  );
}
