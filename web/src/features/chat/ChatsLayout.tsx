/**
 * /chats and /chats/:conversationId: the list of chats and the open conversation. Phones show one
 * at a time; wider screens show both side by side, with a hint in place of a conversation until
 * one is picked.
 */
import { Outlet, useParams } from 'react-router';
import { ConversationList } from './ConversationList';
import './chat.css';

export function ChatsLayout() {
  const { conversationId } = useParams();
  const open = conversationId !== undefined;
  return (
    <div className={open ? 'chats chats--open' : 'chats'}>
      <ConversationList headingLevel={open ? 2 : 1} activeId={conversationId ?? null} />
      <div className="chats__pane">
        <Outlet />
      </div>
    </div>
  );
}
