/**
 * 1:1 chat: the connection to the chat gateway and the chat's state for the signed-in person,
 * the list of chats and a conversation, and the "Message" button other features show.
 */
export { ChatProvider, useUnreadCount } from './ChatProvider';
export { ChatsLayout } from './ChatsLayout';
export { ConversationRoute } from './ConversationPage';
export { MessageButton } from './MessageButton';
export { PickConversation } from './PickConversation';
