/** The words a chat shows for people and messages, in the language on screen. */
import type { ConversationView, MessageView } from '@airtalk/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from './chatFormat';

export interface ChatWords {
  /** The other person's nickname, or "Deleted account" once their account is gone. */
  peerName: (conversation: ConversationView) => string;
  /** One line for a message, as the list and announcements show it. */
  preview: (message: MessageView, conversation: ConversationView, me: string) => string;
  /** The notice a recall leaves, said from my side. */
  recallNotice: (recallerId: string | null, conversation: ConversationView, me: string) => string;
}

export function useChatWords(): ChatWords {
  const { t } = useTranslation();
  return useMemo(() => {
    const peerName = (conversation: ConversationView) => conversation.peer.nickname || t('chat.deletedAccount');
    const recallNotice = (recallerId: string | null, conversation: ConversationView, me: string) => {
      if (recallerId === me) return t('chat.preview.recalledByMe');
      if (recallerId === null) return t('chat.preview.recalledByNobody');
      return t('chat.preview.recalledByPeer', { name: peerName(conversation) });
    };
    const preview = (message: MessageView, conversation: ConversationView, me: string): string => {
      if (message.recalledAtMs !== null) return recallNotice(message.senderId, conversation, me);
      switch (message.kind) {
        case 'system':
          switch (message.system?.event) {
            case 'recalled':
              return recallNotice(message.senderId, conversation, me);
            case 'account_erased':
              return t('chat.preview.erased');
            case 'conversation_started':
            case undefined:
              return t('chat.preview.started');
          }
          return t('chat.preview.started');
        case 'image':
          return t('chat.preview.photo');
        case 'voice':
          return message.media?.durationMs
            ? t('chat.preview.voice', { duration: formatDuration(message.media.durationMs) })
            : t('chat.preview.voiceNoDuration');
        case 'text':
          return message.text ?? '';
      }
    };
    return { peerName, preview, recallNotice };
  }, [t]);
}
