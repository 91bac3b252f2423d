/**
 * The media plane as production runs it: the werift SFU in child processes (sfu-process.ts), so
 * forwarding audio never competes with the API's requests and sockets for one event loop. Rooms
 * are spread over the processes by a hash of their id (all of a room's participants must share
 * one SFU). A process that dies is started again; its participants are reported lost, and must
 * negotiate again with a new RTCPeerConnection. Publishing flags survive a restart: they are
 * room logic's decisions, replayed to the new process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import {
  isFromMediaProcess,
  type FromMediaProcess,
  type SfuRequest,
  type SfuResults,
  type ToMediaProcess,
} from './ipc.js';
import {
  MediaPlaneError,
  type LostParticipant,
  type MediaPlane,
  type MediaPlaneStats,
  type SpeakingLevel,
} from './media-plane.js';
import type { SfuOptions, SfuStats } from './sfu.js';

export interface ChildProcessMediaPlaneOptions {
  sfu?: SfuOptions;
  /** Media processes; rooms are spread over them. One process forwards about 20,000 packets/s on one core. */
  processes?: number;
  /** Node flags of the media process; the default loads tsx, as the server itself runs. */
  execArgv?: string[];
  /** The media process's entry; the default is sfu-process.ts beside this file. */
  entry?: string;
  /** The media process's environment, besides PATH and NODE_ENV (e.g. DEBUG=werift* to trace ICE). */
  env?: Record<string, string>;
  /** For requests other than negotiate. */
  requestTimeoutMs?: number;
  /** Includes waiting in the join queue. */
  negotiateTimeoutMs?: number;
  /** First delay before starting a dead process again; it doubles while it keeps dying, up to 10 s. */
  restartDelayMs?: number;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

const MAX_RESTART_DELAY_MS = 10_000;
/** A process that ran this long without dying is healthy again: the next restart is quick. */
const HEALTHY_UPTIME_MS = 30_000;
const SHUTDOWN_GRACE_MS = 5_000;

function participantKey(roomId: string, userId: string): string {
  return `${roomId}\n${userId}`;
}

class MediaProcess {
  private child: ChildProcess | undefined;
  private readyWaiters: { resolve(): void; reject(error: Error): void }[] = [];
  private isReady = false;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private startedAtMs = 0;
  private restartDelayMs: number;
  private restartTimer: NodeJS.Timeout | undefined;
  private closing = false;
  /** Participants negotiated in the current incarnation: who is lost when it dies. */
  private readonly participants = new Map<string, Set<string>>();
  /** Publishing flags as room logic set them, replayed to a new incarnation. */
  private readonly publishing = new Map<string, { roomId: string; userId: string }>();
  restarts = 0;

  constructor(
    private readonly index: number,
    private readonly options: Required<Omit<ChildProcessMediaPlaneOptions, 'logger' | 'sfu'>> & {
      sfu: SfuOptions;
      logger: Pick<Logger, 'info' | 'warn' | 'error'> | undefined;
    },
    private readonly onSpeaking: (roomId: string, levels: SpeakingLevel[]) => void,
    private readonly onLost: (lost: LostParticipant[]) => void,
  ) {
    this.restartDelayMs = options.restartDelayMs;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    this.startedAtMs = Date.now();
    const child = spawn(process.execPath, [...this.options.execArgv, this.options.entry], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // The SFU needs no database URL, session secret or TURN secret: it gets none of them.
      env: { PATH: process.env.PATH, NODE_ENV: process.env.NODE_ENV, ...this.options.env },
    });
    this.child = child;
    const log = (chunk: Buffer) => {
      const text = chunk.toString('utf8').trimEnd();
      if (text) this.options.logger?.warn({ mediaProcess: this.index }, text);
    };
    child.stdout?.on('data', log);
    child.stderr?.on('data', log);
    child.on('message', (message: unknown) => {
      if (isFromMediaProcess(message)) this.receive(message);
    });
    child.once('exit', (code, signal) => {
      this.exited(child, code, signal);
    });
    child.on('error', (error) => {
      this.options.logger?.error({ mediaProcess: this.index, err: error }, 'media process error');
    });
    this.post({ type: 'init', options: this.options.sfu });
  }

  async request<M extends SfuRequest['method']>(
    request: Extract<SfuRequest, { method: M }>,
    timeoutMs: number,
  ): Promise<SfuResults[M]> {
    if (this.closing && request.method !== 'shutdown') throw new MediaPlaneError('CLOSED', 'the media plane is closed');
    const deadline = Date.now() + timeoutMs;
    if (!this.isReady) await this.waitReady(timeoutMs);
    const id = this.nextId++;
    const result = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.pending.delete(id);
          reject(new MediaPlaneError('TIMEOUT', `the media process did not answer ${request.method} in time`));
        },
        Math.max(0, deadline - Date.now()),
      );
      this.pending.set(id, { resolve, reject, timer });
      this.post({ type: 'request', id, request });
    });
    this.track(request);
    // The child answers with the result of the method it ran; the request's type names that method.
    return result as SfuResults[M];
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) =>
      child.once('exit', () => {
        resolve();
      }),
    );
    const killTimer = setTimeout(() => child.kill('SIGKILL'), SHUTDOWN_GRACE_MS);
    if (this.isReady) await this.request({ method: 'shutdown' }, SHUTDOWN_GRACE_MS).catch(() => undefined);
    else child.kill('SIGTERM');
    await exited;
    clearTimeout(killTimer);
  }

  private track(request: SfuRequest): void {
    switch (request.method) {
      case 'negotiate': {
        const users = this.participants.get(request.roomId) ?? new Set<string>();
        users.add(request.userId);
        this.participants.set(request.roomId, users);
        return;
      }
      case 'setPublishing':
        return;
      case 'leave':
        this.participants.get(request.roomId)?.delete(request.userId);
        if (this.participants.get(request.roomId)?.size === 0) this.participants.delete(request.roomId);
        return;
      case 'closeRoom':
        this.participants.delete(request.roomId);
        return;
      case 'stats':
      case 'shutdown':
        return;
    }
  }

  /** Remembered before the request goes out, so a restart in between still replays it. */
  rememberPublishing(roomId: string, userId: string, publishing: boolean | undefined): void {
    const key = participantKey(roomId, userId);
    if (publishing) this.publishing.set(key, { roomId, userId });
    else this.publishing.delete(key);
  }

  forgetRoom(roomId: string): void {
    for (const [key, entry] of this.publishing) if (entry.roomId === roomId) this.publishing.delete(key);
  }

  private post(message: ToMediaProcess): void {
    const child = this.child;
    if (!child?.connected) return;
    try {
      child.send(message);
    } catch {
      // Dying: 'exit' rejects what is pending.
    }
  }

  private receive(message: FromMediaProcess): void {
    switch (message.type) {
      case 'ready': {
        // Replayed before anything else is sent: IPC keeps order, so no request overtakes them.
        for (const { roomId, userId } of this.publishing.values())
          this.post({
            type: 'request',
            id: this.nextId++,
            request: { method: 'setPublishing', roomId, userId, publishing: true },
          });
        this.isReady = true;
        for (const waiter of this.readyWaiters.splice(0)) waiter.resolve();
        return;
      }
      case 'response': {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        clearTimeout(pending.timer);
        if (message.ok) pending.resolve(message.result);
        else
          pending.reject(
            message.code === 'INTERNAL'
              ? new Error(`media process: ${message.message}`)
              : new MediaPlaneError(message.code, message.message),
          );
        return;
      }
      case 'speaking':
        this.onSpeaking(message.roomId, message.levels);
        return;
    }
  }

  private waitReady(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.readyWaiters = this.readyWaiters.filter((w) => w !== waiter);
        reject(new MediaPlaneError('UNAVAILABLE', 'the media process is not running'));
      }, timeoutMs);
      this.readyWaiters.push(waiter);
    });
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.isReady = false;
    this.child = undefined;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new MediaPlaneError('UNAVAILABLE', 'the media process exited'));
      this.pending.delete(id);
    }
    if (this.closing) {
      for (const waiter of this.readyWaiters.splice(0))
        waiter.reject(new MediaPlaneError('CLOSED', 'the media plane is closed'));
      return;
    }
    this.options.logger?.error({ mediaProcess: this.index, code, signal }, 'media process died; starting another');
    const lost = [...this.participants].flatMap(([roomId, users]) => [...users].map((userId) => ({ roomId, userId })));
    this.participants.clear();
    if (Date.now() - this.startedAtMs > HEALTHY_UPTIME_MS) this.restartDelayMs = this.options.restartDelayMs;
    this.restartTimer = setTimeout(() => {
      this.restarts += 1;
      this.start();
    }, this.restartDelayMs);
    this.restartDelayMs = Math.min(MAX_RESTART_DELAY_MS, this.restartDelayMs * 2);
    if (lost.length > 0) this.onLost(lost);
  }
}

export class ChildProcessMediaPlane implements MediaPlane {
  private readonly processes: MediaProcess[];
  private readonly speakingListeners: ((roomId: string, levels: SpeakingLevel[]) => void)[] = [];
  private readonly lostListeners: ((lost: LostParticipant[]) => void)[] = [];
  private readonly requestTimeoutMs: number;
  private readonly negotiateTimeoutMs: number;
  private closed = false;

  constructor(options: ChildProcessMediaPlaneOptions = {}) {
    const resolved = {
      sfu: options.sfu ?? {},
      processes: Math.max(1, options.processes ?? 1),
      execArgv: options.execArgv ?? ['--import', 'tsx'],
      entry: options.entry ?? fileURLToPath(new URL('./sfu-process.ts', import.meta.url)),
      requestTimeoutMs: options.requestTimeoutMs ?? 5_000,
      negotiateTimeoutMs: options.negotiateTimeoutMs ?? 20_000,
      restartDelayMs: options.restartDelayMs ?? 200,
      env: options.env ?? {},
      logger: options.logger,
    };
    this.requestTimeoutMs = resolved.requestTimeoutMs;
    this.negotiateTimeoutMs = resolved.negotiateTimeoutMs;
    this.processes = Array.from(
      { length: resolved.processes },
      (_, index) =>
        new MediaProcess(
          index,
          resolved,
          (roomId, levels) => {
            for (const listener of this.speakingListeners) listener(roomId, levels);
          },
          (lost) => {
            for (const listener of this.lostListeners) listener(lost);
          },
        ),
    );
    for (const mediaProcess of this.processes) mediaProcess.start();
  }

  /** Process ids of the media processes (tests kill one to see a restart). */
  pids(): (number | undefined)[] {
    return this.processes.map((mediaProcess) => mediaProcess.pid);
  }

  async negotiate(roomId: string, userId: string, offerSdp: string): Promise<{ answerSdp: string }> {
    return await this.processFor(roomId).request(
      { method: 'negotiate', roomId, userId, offerSdp },
      this.negotiateTimeoutMs,
    );
  }

  async setPublishing(roomId: string, userId: string, publishing: boolean): Promise<void> {
    const mediaProcess = this.processFor(roomId);
    mediaProcess.rememberPublishing(roomId, userId, publishing);
    await mediaProcess.request({ method: 'setPublishing', roomId, userId, publishing }, this.requestTimeoutMs);
  }

  async leave(roomId: string, userId: string): Promise<void> {
    const mediaProcess = this.processFor(roomId);
    mediaProcess.rememberPublishing(roomId, userId, undefined);
    await mediaProcess.request({ method: 'leave', roomId, userId }, this.requestTimeoutMs);
  }

  async closeRoom(roomId: string): Promise<void> {
    const mediaProcess = this.processFor(roomId);
    mediaProcess.forgetRoom(roomId);
    await mediaProcess.request({ method: 'closeRoom', roomId }, this.requestTimeoutMs);
  }

  async stats(): Promise<MediaPlaneStats & SfuStats> {
    const all = await Promise.all(
      this.processes.map((mediaProcess) => mediaProcess.request({ method: 'stats' }, this.requestTimeoutMs)),
    );
    const sum = (pick: (stats: SfuStats) => number) => all.reduce((total, stats) => total + pick(stats), 0);
    return {
      rooms: sum((s) => s.rooms),
      participants: sum((s) => s.participants),
      connectedParticipants: sum((s) => s.connectedParticipants),
      publishers: sum((s) => s.publishers),
      forwardedPacketsPerSecond: sum((s) => s.forwardedPacketsPerSecond),
      forwardedBytesPerSecond: sum((s) => s.forwardedBytesPerSecond),
      receivedPacketsPerSecond: sum((s) => s.receivedPacketsPerSecond),
      droppedPacketsPerSecond: sum((s) => s.droppedPacketsPerSecond),
      negotiationsRunning: sum((s) => s.negotiationsRunning),
      negotiationsQueued: sum((s) => s.negotiationsQueued),
      forwardedPacketsTotal: sum((s) => s.forwardedPacketsTotal),
      receivedPacketsTotal: sum((s) => s.receivedPacketsTotal),
      droppedPacketsTotal: sum((s) => s.droppedPacketsTotal),
      restarts: this.processes.reduce((total, mediaProcess) => total + mediaProcess.restarts, 0),
    };
  }

  onSpeaking(listener: (roomId: string, levels: SpeakingLevel[]) => void): void {
    this.speakingListeners.push(listener);
  }

  onParticipantsLost(listener: (lost: LostParticipant[]) => void): void {
    this.lostListeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.processes.map((mediaProcess) => mediaProcess.close()));
  }

  private processFor(roomId: string): MediaProcess {
    if (this.closed) throw new MediaPlaneError('CLOSED', 'the media plane is closed');
    const index =
      this.processes.length === 1
        ? 0
        : createHash('sha1').update(roomId).digest().readUInt32BE(0) % this.processes.length;
    const mediaProcess = this.processes[index];
    if (!mediaProcess) throw new MediaPlaneError('UNAVAILABLE', 'no media process');
    return mediaProcess;
  }
}
