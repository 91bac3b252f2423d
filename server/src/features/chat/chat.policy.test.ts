import { describe, expect, it } from 'vitest';
import type { ChatMessageRow } from '../../platform/db/schema.js';
import { firstContactAllowance, maySeeMedia, maySend, NEW_ACCOUNT_AGE_MS, recallVerdict } from './chat.policy.js';

const message = (overrides: Partial<ChatMessageRow> = {}): ChatMessageRow => ({
  id: 'm1',
  conversation_id: 'c1',
  seq: 3,
  sender_id: 'alice',
  client_id: 'client-1',
  kind: 'text',
  text: 'hi',
  media_id: null,
  system_event: null,
  system_message_id: null,
  created_at: 1_000_000,
  recalled_at: null,
  ...overrides,
});

describe('chat policy', () => {
  it('lets a member send only to an existing peer with no block between them', () => {
    expect(maySend(true, true)).toBe(true);
    expect(maySend(true, false)).toBe(false);
    expect(maySend(false, true)).toBe(false);
  });

  it('gives new accounts fewer first contacts a day', () => {
    expect(firstContactAllowance(0)).toBe(20);
    expect(firstContactAllowance(NEW_ACCOUNT_AGE_MS - 1)).toBe(20);
    expect(firstContactAllowance(NEW_ACCOUNT_AGE_MS)).toBe(100);
  });

  it('lets only the sender recall their own message, once, within two minutes', () => {
    expect(recallVerdict(message(), 'alice', 1_000_000 + 120_000)).toBe('allowed');
    expect(recallVerdict(message(), 'alice', 1_000_000 + 120_001)).toBe('tooLate');
    expect(recallVerdict(message(), 'bob', 1_000_001)).toBe('notSender');
    expect(recallVerdict(message({ recalled_at: 1_000_001 }), 'alice', 1_000_002)).toBe('notRecallable');
    expect(recallVerdict(message({ kind: 'system', sender_id: 'alice' }), 'alice', 1_000_002)).toBe('notRecallable');
  });

  it('shows chat media to its owner and the conversation only', () => {
    expect(maySeeMedia(true, false)).toBe(true);
    expect(maySeeMedia(false, true)).toBe(true);
    expect(maySeeMedia(false, false)).toBe(false);
  });
});
