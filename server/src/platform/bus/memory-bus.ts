/**
 * The single-node bus: handlers run on a later microtask, like a remote delivery would,
 * so no publisher ever depends on a subscriber running inside its own call.
 */
import type { Bus, BusHandler } from './bus.js';

export class MemoryBus implements Bus {
  private readonly handlers = new Map<string, Set<BusHandler>>();

  publish(topic: string, message: unknown): Promise<void> {
    const subscribers = this.handlers.get(topic);
    if (!subscribers) return Promise.resolve();
    // A copy, so a subscriber never shares (and mutates) the publisher's object, as across nodes.
    const payload = JSON.stringify(message);
    for (const handler of subscribers) {
      queueMicrotask(() => {
        handler(JSON.parse(payload), topic);
      });
    }
    return Promise.resolve();
  }

  subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>> {
    let subscribers = this.handlers.get(topic);
    if (!subscribers) {
      subscribers = new Set();
      this.handlers.set(topic, subscribers);
    }
    subscribers.add(handler);
    return Promise.resolve(() => {
      subscribers.delete(handler);
      if (subscribers.size === 0) this.handlers.delete(topic);
      return Promise.resolve();
    });
  }

  close(): Promise<void> {
    this.handlers.clear();
    return Promise.resolve();
  }
}
