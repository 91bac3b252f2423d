/**
 * 1:1 chat: the connection to the chat gateway and the chat's state for the signed-in person,
 * the list of chats and a conversation, and the "Message" button other features show; live
 * rooms ride on the same connection (useRoomLink) and ask for the microphone the same way.
 */
export { ChatProvider, useRoomLink, useUnreadCount } from './ChatProvider';
export type { RoomLink, RoomLinkNotice } from './client';
export type { ConnectionStatus } from './connection';
export { ROOM_REF_PREFIX, type RoomClientEvent, type RoomServerEvent } from './connection';
export { reconnectDelayMs } from './backoff';
export { newClientId } from './clientId';
export { hasMicrophoneConsent } from './api';
export { MicrophoneConsentSheet } from './MicrophoneConsentSheet';
export { ChatsLayout } from './ChatsLayout';
export { ConversationRoute } from './ConversationPage';
export { MessageButton } from './MessageButton';
export { PickConversation } from './PickConversation';
