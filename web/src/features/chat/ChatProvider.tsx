/**
 * One chat client for the signed-in person, started when they sign in and stopped when they sign
 * out, shared by every screen; the unread count goes into the page title from here.
 */
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { setUnreadInTitle } from '../../lib';
import { useAuth } from '../accounts';
import { ChatClient, type ChatSnapshot, type RoomLink } from './client';

const ChatContext = createContext<ChatClient | null>(null);

const NO_SUBSCRIPTION = () => () => undefined;
const NO_UNREAD = () => 0;

export function ChatProvider({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const userId = me?.id ?? null;
  const client = useMemo(() => (userId === null ? null : new ChatClient(userId)), [userId]);

  useEffect(() => {
    if (!client) return;
    client.start();
    return () => {
      client.stop();
    };
  }, [client]);

  const unread = useUnreadOf(client);
  useEffect(() => {
    setUnreadInTitle(unread);
  }, [unread]);

  return <ChatContext.Provider value={client}>{children}</ChatContext.Provider>;
}

/** The chat client, for screens only reachable when signed in. */
export function useChatClient(): ChatClient {
  const client = useContext(ChatContext);
  if (!client) throw new Error('useChatClient needs a signed-in ChatProvider above it.');
  return client;
}

/** The live rooms' way onto the chat's one connection. */
export function useRoomLink(): RoomLink {
  return useChatClient().rooms;
}

export function useChatSnapshot(): ChatSnapshot {
  const client = useChatClient();
  return useSyncExternalStore(client.subscribe, client.getSnapshot);
}

/** Unread messages over every chat; 0 when signed out. */
export function useUnreadCount(): number {
  return useUnreadOf(useContext(ChatContext));
}

function useUnreadOf(client: ChatClient | null): number {
  return useSyncExternalStore(
    client?.subscribe ?? NO_SUBSCRIPTION,
    client ? () => client.getSnapshot().totalUnread : NO_UNREAD,
  );
}
