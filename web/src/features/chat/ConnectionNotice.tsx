/**
 * A slim line while the chat has lost its connection: messages wait, and go when it is back. The
 * live region stays in the page, so the change is announced; the first connection says nothing.
 */
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components';

export function ConnectionNotice({ lost }: { lost: boolean }) {
  const { t } = useTranslation();
  return (
    <div role="status" className="chat-connection-region">
      {lost && (
        <p className="chat-connection">
          <Icon name="wifiOff" size={16} />
          <span>{t('chat.status.reconnecting')}</span>
        </p>
      )}
    </div>
  );
}
