/**
 * The browser tab's title: the page's own name, with the count of unread chat messages in front
 * ("(3) Chats · Airtalk") so a background tab shows that someone wrote. Pages set their name and
 * the chat sets the count; whichever changes, the title is written again from both.
 */

/** More than this shows as "99+": a tab has little room, and the exact count stops mattering. */
const UNREAD_SHOWN_MAX = 99;

let pageTitle = '';
let unreadCount = 0;

export function formatDocumentTitle(title: string, unread: number): string {
  if (unread <= 0) return title;
  const count = unread > UNREAD_SHOWN_MAX ? `${UNREAD_SHOWN_MAX}+` : String(unread);
  return `(${count}) ${title}`;
}

function apply(): void {
  document.title = formatDocumentTitle(pageTitle, unreadCount);
}

export function setPageTitle(title: string): void {
  pageTitle = title;
  apply();
}

export function setUnreadInTitle(unread: number): void {
  if (unread === unreadCount) return;
  unreadCount = unread;
  if (pageTitle !== '') apply();
}
