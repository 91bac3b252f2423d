/** What the conversation pane shows on wide screens before a chat is picked. */
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components';
import { useDocumentTitle } from '../../lib';

export function PickConversation() {
  const { t } = useTranslation();
  useDocumentTitle(t('chat.title'));
  return (
    <div className="chat-pick">
      <span className="chat-pick__icon">
        <Icon name="message" size={28} />
      </span>
      <p className="chat-pick__title">{t('chat.pick.title')}</p>
      <p className="chat-pick__body">{t('chat.pick.body')}</p>
    </div>
  );
}
