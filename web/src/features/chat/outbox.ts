/**
 * Messages on their way out. Each keeps the client id it was given when written, through every
 * resend, so the server can answer a resend with the message it already stored. An entry is
 * uploading (a photo or recording not yet on the server), pending (sent or waiting for the
 * connection, no answer yet) or failed (the server refused it, or the connection stayed away too
 * long); a retry makes a failed entry pending again with the same client id. An answered entry
 * leaves the outbox: the message itself is then in the conversation.
 *
 * Pure bookkeeping: time is passed in, and every change makes a new `entries` array, so a screen
 * can tell that something changed by comparing arrays.
 */
import { ApiError } from '../../lib';

/** A pending message fails after this long without an answer while the connection is down. */
export const SEND_TIMEOUT_MS = 15_000;

/** A photo or recording as the sender has it: what the screen shows until the server's copy arrives. */
export interface LocalMedia {
  kind: 'image' | 'voice';
  blob: Blob;
  /** An object URL for the blob; revoked when the entry leaves the outbox. */
  previewUrl: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** Set once the upload finished; the message is then sent with it. */
  mediaId: string | null;
}

export type OutboxContent = { kind: 'text'; text: string } | { kind: 'media'; media: LocalMedia };

export type OutboxState = 'uploading' | 'pending' | 'failed';

export interface OutboxEntry {
  clientId: string;
  conversationId: string;
  content: OutboxContent;
  state: OutboxState;
  /** Whole percent of an upload sent, or null while the browser can't tell. */
  uploadPercent: number | null;
  /** Why it failed, described like any other failed request. */
  error: ApiError | null;
  /** When it was written: the order entries are shown in. */
  queuedAtMs: number;
  /** When the current attempt began (writing it, or the last retry). */
  attemptStartedAtMs: number;
}

export interface NewEntry {
  clientId: string;
  conversationId: string;
  content: OutboxContent;
}

const timeoutError = () =>
  new ApiError({ status: 0, code: 'NETWORK_FAILED', message: 'No answer from the chat server in time.' });

function deadlineOf(entry: OutboxEntry, offlineSinceMs: number | null): number | null {
  if (offlineSinceMs === null || entry.state !== 'pending' || needsUpload(entry)) return null;
  return Math.max(entry.attemptStartedAtMs, offlineSinceMs) + SEND_TIMEOUT_MS;
}

/** True while the entry still has a file to upload before it can be sent. */
export function needsUpload(entry: OutboxEntry): boolean {
  return entry.content.kind === 'media' && entry.content.media.mediaId === null;
}

export class Outbox {
  private list: readonly OutboxEntry[] = [];

  get entries(): readonly OutboxEntry[] {
    return this.list;
  }

  find(clientId: string): OutboxEntry | undefined {
    return this.list.find((entry) => entry.clientId === clientId);
  }

  /** Entries ready to go over the connection: pending, with nothing left to upload. */
  get sendable(): OutboxEntry[] {
    return this.list.filter((entry) => entry.state === 'pending' && !needsUpload(entry));
  }

  add(entry: NewEntry, nowMs: number): OutboxEntry {
    const added: OutboxEntry = {
      ...entry,
      state: entry.content.kind === 'media' && entry.content.media.mediaId === null ? 'uploading' : 'pending',
      uploadPercent: null,
      error: null,
      queuedAtMs: nowMs,
      attemptStartedAtMs: nowMs,
    };
    this.list = [...this.list, added];
    return added;
  }

  progress(clientId: string, uploadPercent: number | null): boolean {
    return this.change(clientId, (entry) => (entry.state === 'uploading' ? { ...entry, uploadPercent } : entry));
  }

  /** The upload finished: the entry is now an ordinary pending send of that media. */
  uploaded(clientId: string, mediaId: string): boolean {
    return this.change(clientId, (entry) =>
      entry.content.kind === 'media' && entry.state === 'uploading'
        ? {
            ...entry,
            content: { kind: 'media', media: { ...entry.content.media, mediaId } },
            state: 'pending',
            uploadPercent: 100,
          }
        : entry,
    );
  }

  fail(clientId: string, error: ApiError): boolean {
    return this.change(clientId, (entry) => ({ ...entry, state: 'failed', error }));
  }

  /** Tries a failed entry again, with the same client id; an unfinished upload starts over. */
  retry(clientId: string, nowMs: number): OutboxEntry | undefined {
    this.change(clientId, (entry) =>
      entry.state === 'failed'
        ? {
            ...entry,
            state: needsUpload(entry) ? 'uploading' : 'pending',
            uploadPercent: null,
            error: null,
            attemptStartedAtMs: nowMs,
          }
        : entry,
    );
    return this.find(clientId);
  }

  remove(clientId: string): OutboxEntry | undefined {
    const removed = this.find(clientId);
    if (removed) this.list = this.list.filter((entry) => entry !== removed);
    return removed;
  }

  /**
   * Fails pending entries that have waited SEND_TIMEOUT_MS without a connection (counted from the
   * later of their attempt and the moment the connection went away), and returns them. While
   * connected (`offlineSinceMs` null) they wait on: the answer comes, or the connection drops.
   */
  expire(nowMs: number, offlineSinceMs: number | null): OutboxEntry[] {
    const expired = this.list.filter((entry) => {
      const deadlineMs = deadlineOf(entry, offlineSinceMs);
      return deadlineMs !== null && nowMs >= deadlineMs;
    });
    for (const entry of expired) this.fail(entry.clientId, timeoutError());
    return expired.map((entry) => this.find(entry.clientId) ?? entry);
  }

  /** When the next pending entry would expire if the connection stays away, or null when none would. */
  nextDeadlineMs(offlineSinceMs: number | null): number | null {
    let earliest: number | null = null;
    for (const entry of this.list) {
      const deadlineMs = deadlineOf(entry, offlineSinceMs);
      if (deadlineMs !== null && (earliest === null || deadlineMs < earliest)) earliest = deadlineMs;
    }
    return earliest;
  }

  private change(clientId: string, update: (entry: OutboxEntry) => OutboxEntry): boolean {
    const index = this.list.findIndex((entry) => entry.clientId === clientId);
    const current = this.list[index];
    if (!current) return false;
    const updated = update(current);
    if (updated === current) return false;
    this.list = this.list.with(index, updated);
    return true;
  }
}
