import { describe, expect, it } from 'vitest';
import { formatDocumentTitle } from './documentTitle';

describe('formatDocumentTitle', () => {
  it('leaves the title alone when nothing is unread', () => {
    expect(formatDocumentTitle('Airtalk', 0)).toBe('Airtalk');
    expect(formatDocumentTitle('Chats · Airtalk', -1)).toBe('Chats · Airtalk');
  });

  it('puts the unread count in front', () => {
    expect(formatDocumentTitle('Airtalk', 3)).toBe('(3) Airtalk');
    expect(formatDocumentTitle('聊天 · Airtalk', 12)).toBe('(12) 聊天 · Airtalk');
  });

  it('caps a large count', () => {
    expect(formatDocumentTitle('Airtalk', 99)).toBe('(99) Airtalk');
    expect(formatDocumentTitle('Airtalk', 100)).toBe('(99+) Airtalk');
  });
});
