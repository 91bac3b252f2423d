/**
 * "Message": opens the chat with someone, starting it if there is none yet, from their profile or
 * a card in People nearby. A block, or a new account's daily limit on new chats, is said plainly.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button, Icon, useToast, type ButtonSize, type ButtonVariant } from '../../components';
import { useLanguage } from '../../i18n';
import { formatWait, isApiError, useDescribeError } from '../../lib';
import { startConversation } from './api';
import { useChatClient } from './ChatProvider';
import { conversationPath } from './paths';
import './chat.css';

interface MessageButtonProps {
  userId: string;
  nickname: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Only the icon shows; the name stays for assistive tech. */
  iconOnly?: boolean;
  className?: string;
}

export function MessageButton({
  userId,
  nickname,
  variant = 'primary',
  size = 'sm',
  iconOnly = false,
  className,
}: MessageButtonProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const toast = useToast();
  const describeError = useDescribeError();
  const navigate = useNavigate();
  const client = useChatClient();
  const [starting, setStarting] = useState(false);

  const start = async () => {
    setStarting(true);
    try {
      const conversation = await startConversation(userId);
      client.knowConversation(conversation);
      void navigate(conversationPath(conversation.id));
    } catch (error) {
      setStarting(false);
      if (isApiError(error) && error.code === 'CANNOT_MESSAGE') {
        toast(t('chat.start.cannotMessage', { name: nickname }), 'error');
      } else if (isApiError(error) && error.code === 'RATE_LIMITED') {
        const wait = error.retryAfterSeconds;
        toast(
          wait === null ? t('chat.start.tooManyNoHint') : t('chat.start.tooMany', { when: formatWait(wait, language) }),
          'error',
        );
      } else {
        toast(describeError(error), 'error');
      }
    }
  };

  return (
    <Button
      variant={variant}
      size={size}
      className={[iconOnly ? 'message-button message-button--icon' : 'message-button', className]
        .filter(Boolean)
        .join(' ')}
      icon={<Icon name="message" size={16} />}
      loading={starting}
      aria-label={iconOnly ? t('chat.start.messageName', { name: nickname }) : undefined}
      onClick={() => void start()}
    >
      {iconOnly ? null : t('chat.start.message')}
    </Button>
  );
}
