import type { MessageView } from '@airtalk/contracts';
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from './outbox';
import { threadItems } from './threadItems';

const DAY1 = new Date(2026, 5, 14, 10).getTime();
const DAY2 = new Date(2026, 5, 15, 10).getTime();

function message(seq: number, overrides: Partial<MessageView> = {}): MessageView {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    senderId: 'peer',
    clientId: null,
    kind: 'text',
    text: `message ${seq}`,
    media: null,
    system: null,
    sentAtMs: DAY1 + seq,
    recalledAtMs: null,
    deletedForMe: false,
    ...overrides,
  };
}

function entry(clientId: string, queuedAtMs: number): OutboxEntry {
  return {
    clientId,
    conversationId: 'c1',
    content: { kind: 'text', text: 'on its way' },
    state: 'pending',
    uploadPercent: null,
    error: null,
    queuedAtMs,
    attemptStartedAtMs: queuedAtMs,
  };
}

const shape = (items: ReturnType<typeof threadItems>) =>
  items.map((item) => (item.type === 'notice' ? `notice:${item.notice.kind}` : `${item.type}:${item.key}`));

describe('threadItems', () => {
  it('puts a line before each new day and the outbox last', () => {
    const items = threadItems(
      [
        message(1, { kind: 'system', text: null, system: { event: 'conversation_started', messageId: null } }),
        message(2),
        message(3, { sentAtMs: DAY2 }),
      ],
      [entry('client-1', DAY2 + 5)],
    );
    expect(shape(items)).toEqual([
      `day:day-${new Date(DAY1).getFullYear()}-6-14`,
      'notice:started',
      'message:m2',
      `day:day-${new Date(DAY2).getFullYear()}-6-15`,
      'message:m3',
      'entry:client-1',
    ]);
  });

  it('shows a recall where the message was, and its notice only when that message is not loaded', () => {
    const recalled = message(2, { text: null, recalledAtMs: DAY1 + 100 });
    const notice = message(3, { kind: 'system', text: null, system: { event: 'recalled', messageId: 'm2' } });
    expect(shape(threadItems([recalled, notice], []))).toEqual([expect.stringMatching(/^day:/), 'notice:recalled']);
    const olderNotice = message(9, { kind: 'system', text: null, system: { event: 'recalled', messageId: 'm1' } });
    expect(shape(threadItems([olderNotice], []))).toEqual([expect.stringMatching(/^day:/), 'notice:recalled']);
  });

  it('does not show a message twice while its pending copy waits to be cleared', () => {
    const items = threadItems([message(4, { senderId: 'me', clientId: 'client-2' })], [entry('client-2', DAY1)]);
    expect(shape(items)).toEqual([expect.stringMatching(/^day:/), 'message:m4']);
  });
});
