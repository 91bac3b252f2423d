/**
 * The bus for several nodes, over Redis pub/sub. One connection publishes, one listens
 * (a subscribed Redis connection can do nothing else); many local handlers share one channel.
 */
import { Redis } from 'ioredis';
import type { Bus, BusHandler } from './bus.js';

export class RedisBus implements Bus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, Set<BusHandler>>();

  constructor(
    url: string,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    this.publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.subscriber = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.publisher.on('error', onError);
    this.subscriber.on('error', onError);
    this.subscriber.on('message', (topic: string, raw: string) => {
      this.deliver(topic, raw);
    });
  }

  private deliver(topic: string, raw: string): void {
    const subscribers = this.handlers.get(topic);
    if (!subscribers) return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch (error) {
      this.onError(new Error(`Unreadable bus message on ${topic}`, { cause: error }));
      return;
    }
    for (const handler of subscribers) handler(message, topic);
  }

  async publish(topic: string, message: unknown): Promise<void> {
    await this.publisher.publish(topic, JSON.stringify(message));
  }

  async subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>> {
    let subscribers = this.handlers.get(topic);
    if (!subscribers) {
      subscribers = new Set();
      this.handlers.set(topic, subscribers);
      await this.subscriber.subscribe(topic);
    }
    subscribers.add(handler);
    return async () => {
      subscribers.delete(handler);
      if (subscribers.size === 0 && this.handlers.get(topic) === subscribers) {
        this.handlers.delete(topic);
        await this.subscriber.unsubscribe(topic);
      }
    };
  }

  /** Resolves when both connections are ready; rejects when Redis cannot be reached. */
  async ready(): Promise<void> {
    await Promise.all([this.publisher.ping(), this.subscriber.ping()]);
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.all([this.publisher.quit(), this.subscriber.quit()]);
  }
}
