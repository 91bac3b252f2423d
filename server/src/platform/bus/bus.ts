/**
 * Publish/subscribe between the parts of Airtalk, and between nodes when there are several.
 * Messages are JSON values; delivery is at-most-once and fire-and-forget, as on Redis pub/sub:
 * anything that must not be lost is written to the database first and the bus only tells.
 */
export type BusHandler = (message: unknown, topic: string) => void;

export interface Bus {
  publish(topic: string, message: unknown): Promise<void>;
  /** Resolves once the subscription is live; the returned function ends it. */
  subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
