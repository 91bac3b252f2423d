/**
 * Paces joins. A werift negotiation gathers candidates and then runs ICE and a DTLS handshake in
 * JavaScript on the same thread that forwards audio; measured here, 8 at once timed out while 4
 * did not. So at most `maxRunning` negotiations run and the rest wait in order; past `maxQueued`
 * the caller is told to come back (BUSY) rather than wait behind a minute of joins.
 */
import { MediaPlaneError } from './media-plane.js';

export class NegotiationQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly maxRunning: number,
    private readonly maxQueued: number,
  ) {}

  get runningCount(): number {
    return this.running;
  }

  get queuedCount(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxRunning) {
      if (this.waiting.length >= this.maxQueued)
        throw new MediaPlaneError('BUSY', `${this.waiting.length} negotiations are already waiting`);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` never dips and lets a newcomer cut in.
      if (next) next();
      else this.running -= 1;
    }
  }
}
