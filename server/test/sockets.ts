/**
 * Real WebSocket clients against a listening test app: a client collects server events and lets
 * a test wait for the one it expects.
 */
import { ServerEventSchema, type ServerEvent, type ServerEventOf } from '@airtalk/contracts';
import WebSocket from 'ws';
import type { TestApp, TestBrowser } from './test-app.js';

/** A predicate for `next`: an event of this type (and, optionally, more), narrowed to its type. */
export const isType =
  <T extends ServerEvent['type']>(type: T, extra: (event: ServerEventOf<T>) => boolean = () => true) =>
  (event: ServerEvent): event is ServerEventOf<T> =>
    event.type === type && extra(event as ServerEventOf<T>);

/** Starts the app on a free port (once) and returns its origin. */
export async function listen(testApp: TestApp): Promise<string> {
  const address = testApp.app.server.server.address();
  if (address && typeof address === 'object') return `http://127.0.0.1:${address.port}`;
  await testApp.app.server.listen({ port: 0, host: '127.0.0.1' });
  const bound = testApp.app.server.server.address();
  if (!bound || typeof bound !== 'object') throw new Error('The test app is not listening.');
  return `http://127.0.0.1:${bound.port}`;
}

export class SocketClient {
  readonly events: ServerEvent[] = [];
  readonly invalidEvents: unknown[] = [];
  closeCode: number | null = null;
  /** Called with every valid server event as it arrives, for clients that react (replay on a gap). */
  readonly listeners = new Set<(event: ServerEvent) => void>();
  private readonly waiters = new Set<() => void>();

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const parsed = ServerEventSchema.safeParse(JSON.parse(data.toString('utf8')));
      if (parsed.success) {
        this.events.push(parsed.data);
        for (const listener of this.listeners) listener(parsed.data);
      } else {
        this.invalidEvents.push(data.toString('utf8'));
      }
      for (const wake of this.waiters) wake();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const wake of this.waiters) wake();
    });
  }

  send(event: unknown): void {
    this.ws.send(typeof event === 'string' ? event : JSON.stringify(event));
  }

  /** The first event (from `from` on) matching the predicate; waits up to timeoutMs for it. */
  async next<T extends ServerEvent>(
    predicate: (event: ServerEvent) => event is T,
    timeoutMs?: number,
    from?: number,
  ): Promise<T>;
  async next(predicate: (event: ServerEvent) => boolean, timeoutMs?: number, from?: number): Promise<ServerEvent>;
  async next(predicate: (event: ServerEvent) => boolean, timeoutMs = 5000, from = 0): Promise<ServerEvent> {
    const started = Date.now();
    for (;;) {
      const found = this.events.slice(from).find(predicate);
      if (found) return found;
      if (this.closeCode !== null) throw new Error(`Socket closed (${this.closeCode}) while waiting.`);
      const remainingMs = timeoutMs - (Date.now() - started);
      if (remainingMs <= 0) throw new Error(`Timed out; events so far: ${JSON.stringify(this.events.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, remainingMs);
        this.waiters.add(wake);
      });
    }
  }

  async closed(timeoutMs = 5000): Promise<number> {
    const started = Date.now();
    while (this.closeCode === null) {
      if (Date.now() - started > timeoutMs) throw new Error('The socket did not close.');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.closeCode;
  }

  close(): void {
    this.ws.close();
  }
}

export interface ConnectOptions {
  origin?: string;
  /** Leave the cookie out (a signed-out client). */
  anonymous?: boolean;
}

/** Opens /ws as the browser (with its cookie) and waits for `ready`. */
export async function connect(origin: string, browser: TestBrowser, options: ConnectOptions = {}) {
  const client = await openRaw(origin, browser, options);
  await client.next((event) => event.type === 'ready');
  return client;
}

/** Opens /ws without waiting for ready; rejects with the HTTP status when the handshake is refused. */
export function openRaw(origin: string, browser: TestBrowser, options: ConnectOptions = {}): Promise<SocketClient> {
  const cookie = [...browser.cookies.entries()].map(([name, value]) => `${name}=${value}`).join('; ');
  const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws`, {
    headers: {
      origin: options.origin ?? 'http://localhost:8080',
      ...(cookie && !options.anonymous ? { cookie } : {}),
    },
  });
  const client = new SocketClient(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      resolve(client);
    });
    ws.once('unexpected-response', (_request, response) => {
      reject(new Error(`handshake refused: ${response.statusCode}`));
      ws.terminate();
    });
    ws.once('error', reject);
  });
}
