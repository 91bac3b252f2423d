/**
 * Messages between the API process and the media process, over Node's IPC channel (JSON).
 * Requests carry ids so answers can come back in any order: a negotiation waiting in the join
 * queue must not hold up a leave.
 */
import type { MediaPlaneErrorCode, SpeakingLevel } from './media-plane.js';
import type { SfuOptions, SfuStats } from './sfu.js';

export type SfuRequest =
  | { method: 'negotiate'; roomId: string; userId: string; offerSdp: string }
  | { method: 'setPublishing'; roomId: string; userId: string; publishing: boolean }
  | { method: 'leave'; roomId: string; userId: string }
  | { method: 'closeRoom'; roomId: string }
  | { method: 'stats' }
  | { method: 'shutdown' };

export interface SfuResults {
  negotiate: { answerSdp: string };
  setPublishing: null;
  leave: null;
  closeRoom: null;
  stats: SfuStats;
  shutdown: null;
}

export type ToMediaProcess =
  { type: 'init'; options: SfuOptions } | { type: 'request'; id: number; request: SfuRequest };

export type FromMediaProcess =
  | { type: 'ready' }
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; code: MediaPlaneErrorCode | 'INTERNAL'; message: string }
  | { type: 'speaking'; roomId: string; levels: SpeakingLevel[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A shape check, not validation: the other side is our own code, but a wrong guess must not crash. */
export function isFromMediaProcess(value: unknown): value is FromMediaProcess {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'response':
      return typeof value.id === 'number' && typeof value.ok === 'boolean';
    case 'speaking':
      return typeof value.roomId === 'string' && Array.isArray(value.levels);
    default:
      return false;
  }
}

export function isToMediaProcess(value: unknown): value is ToMediaProcess {
  if (!isRecord(value)) return false;
  if (value.type === 'init') return isRecord(value.options);
  return value.type === 'request' && typeof value.id === 'number' && isRecord(value.request);
}
