/** Where a conversation is in the app. */
export function conversationPath(conversationId: string): string {
  return `/chats/${encodeURIComponent(conversationId)}`;
}
