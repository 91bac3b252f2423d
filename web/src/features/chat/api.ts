/** Chat over HTTP: conversations, history, the send fallback, recall, delete for me, and media uploads. */
import {
  CHAT_UPLOAD_FILE_FIELD,
  ChatMediaViewSchema,
  ConversationListViewSchema,
  ConversationViewSchema,
  MessagePageViewSchema,
  MessageViewSchema,
  type ChatMediaView,
  type ConversationListView,
  type ConversationView,
  type MessagePageView,
  type MessageView,
} from '@airtalk/contracts';
import { requestJson, requestVoid, uploadForm, type UploadOptions } from '../../lib';
import { listConsents, setConsent } from '../consents';
import type { OutboxEntry } from './outbox';

/** Messages per page of history: a screenful or two on a phone. */
export const HISTORY_PAGE = 40;

const conversationPath = (id: string) => `/api/v1/conversations/${encodeURIComponent(id)}`;

export function fetchConversations(signal?: AbortSignal): Promise<ConversationListView> {
  return requestJson('/api/v1/conversations', ConversationListViewSchema, signal ? { signal } : {});
}

/** The conversation with someone, new or existing. 403 CANNOT_MESSAGE across a block; 429 for too many new chats. */
export function startConversation(userId: string): Promise<ConversationView> {
  return requestJson('/api/v1/conversations', ConversationViewSchema, { method: 'POST', body: { userId } });
}

export function fetchConversation(id: string, signal?: AbortSignal): Promise<ConversationView> {
  return requestJson(conversationPath(id), ConversationViewSchema, signal ? { signal } : {});
}

/** The newest page without `beforeSeq`; older pages before it. Messages ascend by sequence number. */
export function fetchMessages(id: string, beforeSeq: number | null, signal?: AbortSignal): Promise<MessagePageView> {
  const query = new URLSearchParams({ limit: String(HISTORY_PAGE) });
  if (beforeSeq !== null) query.set('beforeSeq', String(beforeSeq));
  return requestJson(`${conversationPath(id)}/messages?${query.toString()}`, MessagePageViewSchema, {
    ...(signal ? { signal } : {}),
  });
}

/** The send fallback for when the socket cannot get through; the same client id makes a resend safe. */
export function postMessage(entry: OutboxEntry): Promise<MessageView> {
  const { clientId, content } = entry;
  const body =
    content.kind === 'text'
      ? { clientId, kind: 'text', text: content.text }
      : { clientId, kind: content.media.kind, mediaId: content.media.mediaId };
  return requestJson(`${conversationPath(entry.conversationId)}/messages`, MessageViewSchema, {
    method: 'POST',
    body,
  });
}

/** Takes my message back for everyone; 409 RECALL_TOO_LATE after the recall window. */
export function recallMessage(conversationId: string, messageId: string): Promise<MessageView> {
  return requestJson(
    `${conversationPath(conversationId)}/messages/${encodeURIComponent(messageId)}/recall`,
    MessageViewSchema,
    { method: 'POST' },
  );
}

/** Hides a message from me only. */
export function deleteMessageForMe(conversationId: string, messageId: string): Promise<void> {
  return requestVoid(`${conversationPath(conversationId)}/messages/${encodeURIComponent(messageId)}`, {
    method: 'DELETE',
  });
}

/** Uploads a photo, or a recording with its length; the message is sent with the returned id. */
export function uploadChatMedia(
  blob: Blob,
  durationMs: number | null,
  options: UploadOptions = {},
): Promise<ChatMediaView> {
  const form = new FormData();
  if (durationMs !== null) form.append('durationMs', String(durationMs));
  const fileName = blob instanceof File ? blob.name : durationMs === null ? 'photo' : 'voice';
  form.append(CHAT_UPLOAD_FILE_FIELD, blob, fileName);
  return uploadForm('/api/v1/chat/media', form, ChatMediaViewSchema, options);
}

export async function hasMicrophoneConsent(signal?: AbortSignal): Promise<boolean> {
  const consents = await listConsents(signal);
  return consents.some((consent) => consent.purpose === 'microphone' && consent.granted);
}

/** Given only after the person said yes to our own explanation. */
export async function grantMicrophoneConsent(): Promise<void> {
  await setConsent('microphone', true);
}
