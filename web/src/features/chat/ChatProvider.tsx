/**
 * One chat client for the signed-in person, started when they sign in and stopped when they sign
 * out, shared by every screen; the unread count goes into the page title from here.
 */
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useToast } from '../../components';
import { setUnreadInTitle } from '../../lib';
import { useAuth } from '../accounts';
import { ChatClient, type ChatSnapshot } from './client';

const ChatContext = createContext<ChatClient | null>(null);

const NO_SUBSCRIPTION = () => () => undefined;
const NO_UNREAD = () => 0;
const NOT_ENDED = () => false;

export function ChatProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const toast = useToast();
  const { me, refresh } = useAuth();
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

  const sessionEnded = useSyncExternalStore(
    client?.subscribe ?? NO_SUBSCRIPTION,
    client ? () => client.getSnapshot().status === 'ended' : NOT_ENDED,
  );
  useEffect(() => {
    if (!sessionEnded) return;
    toast(t('errors.sessionEnded'), 'info');
    // Asking who is signed in finds the session gone, and the pages go to sign-in.
    void refresh().catch(() => undefined);
  }, [sessionEnded, refresh, t, toast]);

  return <ChatContext.Provider value={client}>{children}</ChatContext.Provider>;
}

/** The chat client, for screens only reachable when signed in. */
export function useChatClient(): ChatClient {
  const client = useContext(ChatContext);
  if (!client) throw new Error('useChatClient needs a signed-in ChatProvider above it.');
  return client;
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
