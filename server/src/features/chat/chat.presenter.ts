/**
 * Rows → the views chat sends to clients. A recalled message or one the viewer deleted for
 * themselves keeps its place in the sequence but carries no content.
 */
import type { ChatMediaView, ChatPeerView, ConversationView, MessageView, SystemEvent } from '@airtalk/contracts';
import type { ChatMediaRow, ChatMessageRow } from '../../platform/db/schema.js';
import type { MembershipRow } from './chat.store.js';

export function chatMediaUrl(mediaId: string): string {
  return `/api/v1/chat/media/${mediaId}`;
}

export function presentMedia(row: ChatMediaRow): ChatMediaView {
  return {
    id: row.id,
    kind: row.kind,
    url: chatMediaUrl(row.id),
    width: row.width,
    height: row.height,
    durationMs: row.duration_ms,
  };
}

export function presentMessage(
  row: ChatMessageRow,
  media: ChatMediaRow | undefined,
  deletedForMe = false,
): MessageView {
  const showContent = !deletedForMe && row.recalled_at === null;
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    senderId: row.sender_id,
    clientId: row.client_id,
    kind: row.kind,
    text: showContent ? row.text : null,
    media: showContent && media ? presentMedia(media) : null,
    system: row.system_event ? { event: row.system_event as SystemEvent, messageId: row.system_message_id } : null,
    sentAtMs: row.created_at,
    recalledAtMs: row.recalled_at,
    deletedForMe,
  };
}

export interface PeerFacts {
  nickname: string;
  avatarUrl: string | null;
  online: boolean;
  lastSeenAtMs: number | null;
}

export const ERASED_PEER: PeerFacts = { nickname: '', avatarUrl: null, online: false, lastSeenAtMs: null };

export function presentConversation(
  membership: MembershipRow,
  peer: PeerFacts,
  lastMessage: MessageView | null,
  canSend: boolean,
): ConversationView {
  const { conversation, me } = membership;
  const peerView: ChatPeerView = { userId: membership.peer?.user_id ?? null, ...peer };
  return {
    id: conversation.id,
    peer: peerView,
    lastSeq: conversation.last_seq,
    lastMessage,
    unreadCount: Math.max(0, conversation.last_seq - me.read_seq),
    readSeq: me.read_seq,
    peerDeliveredSeq: membership.peer?.delivered_seq ?? 0,
    peerReadSeq: membership.peer?.read_seq ?? 0,
    canSend,
    createdAtMs: conversation.created_at,
    lastMessageAtMs: conversation.last_message_at,
  };
}
