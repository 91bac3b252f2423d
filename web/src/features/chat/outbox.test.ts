import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib';
import { Outbox, SEND_TIMEOUT_MS, type LocalMedia } from './outbox';

const T0 = 1_700_000_000_000;
const text = (value: string) => ({ kind: 'text' as const, text: value });
const photo = (mediaId: string | null = null): { kind: 'media'; media: LocalMedia } => ({
  kind: 'media',
  media: {
    kind: 'image',
    blob: new Blob(['x']),
    previewUrl: 'blob:preview',
    width: 40,
    height: 30,
    durationMs: null,
    mediaId,
  },
});
const refused = new ApiError({ status: 0, code: 'CANNOT_MESSAGE', message: 'blocked' });

describe('Outbox', () => {
  it('keeps entries in the order they were written, each pending', () => {
    const outbox = new Outbox();
    outbox.add({ clientId: 'aaaaaaaa', conversationId: 'c1', content: text('one') }, T0);
    outbox.add({ clientId: 'bbbbbbbb', conversationId: 'c1', content: text('two') }, T0 + 1);
    expect(outbox.entries.map((entry) => [entry.clientId, entry.state])).toEqual([
      ['aaaaaaaa', 'pending'],
      ['bbbbbbbb', 'pending'],
    ]);
    expect(outbox.sendable).toHaveLength(2);
  });

  it('uploads media before it can be sent', () => {
    const outbox = new Outbox();
    outbox.add({ clientId: 'cccccccc', conversationId: 'c1', content: photo() }, T0);
    expect(outbox.find('cccccccc')?.state).toBe('uploading');
    expect(outbox.sendable).toEqual([]);
    outbox.progress('cccccccc', 40);
    expect(outbox.find('cccccccc')?.uploadPercent).toBe(40);
    outbox.uploaded('cccccccc', 'media-1');
    const entry = outbox.find('cccccccc');
    expect(entry?.state).toBe('pending');
    expect(entry?.content.kind === 'media' && entry.content.media.mediaId).toBe('media-1');
    expect(outbox.sendable).toHaveLength(1);
  });

  it('makes a new list on every change and keeps it when nothing changed', () => {
    const outbox = new Outbox();
    outbox.add({ clientId: 'aaaaaaaa', conversationId: 'c1', content: text('one') }, T0);
    const before = outbox.entries;
    expect(outbox.progress('aaaaaaaa', 10)).toBe(false);
    expect(outbox.entries).toBe(before);
    outbox.fail('aaaaaaaa', refused);
    expect(outbox.entries).not.toBe(before);
  });

  it('retries a failed entry with the same client id, as a new attempt', () => {
    const outbox = new Outbox();
    outbox.add({ clientId: 'aaaaaaaa', conversationId: 'c1', content: text('one') }, T0);
    outbox.fail('aaaaaaaa', refused);
    expect(outbox.find('aaaaaaaa')).toMatchObject({ state: 'failed', error: refused });
    const retried = outbox.retry('aaaaaaaa', T0 + 5000);
    expect(retried).toMatchObject({
      clientId: 'aaaaaaaa',
      state: 'pending',
      error: null,
      attemptStartedAtMs: T0 + 5000,
    });
    expect(retried?.queuedAtMs).toBe(T0);
  });

  it('starts an unfinished upload over on retry', () => {
    const outbox = new Outbox();
    outbox.add({ clientId: 'cccccccc', conversationId: 'c1', content: photo() }, T0);
    outbox.fail('cccccccc', refused);
    expect(outbox.retry('cccccccc', T0 + 1)?.state).toBe('uploading');
  });

  it('does not retry what has not failed', () => {
    const outbox = new Outbox();
    outbox.add({ clientId: 'aaaaaaaa', conversationId: 'c1', content: text('one') }, T0);
    expect(outbox.retry('aaaaaaaa', T0 + 9)?.attemptStartedAtMs).toBe(T0);
    expect(outbox.retry('missing0', T0)).toBeUndefined();
  });

  it('fails pending entries only after waiting long enough without a connection', () => {
    const outbox = new Outbox();
    outbox.add({ clientId: 'aaaaaaaa', conversationId: 'c1', content: text('one') }, T0);
    outbox.add({ clientId: 'cccccccc', conversationId: 'c1', content: photo() }, T0);
    // Connected: nothing expires, however long the answer takes.
    expect(outbox.expire(T0 + 10 * SEND_TIMEOUT_MS, null)).toEqual([]);
    expect(outbox.nextDeadlineMs(null)).toBeNull();
    // The connection went away later than the attempt began: the wait counts from then.
    const lostAt = T0 + 60_000;
    expect(outbox.nextDeadlineMs(lostAt)).toBe(lostAt + SEND_TIMEOUT_MS);
    expect(outbox.expire(lostAt + SEND_TIMEOUT_MS - 1, lostAt)).toEqual([]);
    const expired = outbox.expire(lostAt + SEND_TIMEOUT_MS, lostAt);
    expect(expired.map((entry) => entry.clientId)).toEqual(['aaaaaaaa']);
    expect(expired[0]?.error?.code).toBe('NETWORK_FAILED');
    // Uploads are not waiting on the connection.
    expect(outbox.find('cccccccc')?.state).toBe('uploading');
    expect(outbox.nextDeadlineMs(lostAt)).toBeNull();
  });

  it('counts a retry while offline from the retry', () => {
    const outbox = new Outbox();
    outbox.add({ clientId: 'aaaaaaaa', conversationId: 'c1', content: text('one') }, T0);
    outbox.expire(T0 + SEND_TIMEOUT_MS, T0);
    outbox.retry('aaaaaaaa', T0 + 100_000);
    expect(outbox.nextDeadlineMs(T0)).toBe(T0 + 100_000 + SEND_TIMEOUT_MS);
  });

  it('removes an answered entry', () => {
    const outbox = new Outbox();
    outbox.add({ clientId: 'aaaaaaaa', conversationId: 'c1', content: text('one') }, T0);
    expect(outbox.remove('aaaaaaaa')?.clientId).toBe('aaaaaaaa');
    expect(outbox.entries).toEqual([]);
    expect(outbox.remove('aaaaaaaa')).toBeUndefined();
  });
});
