/**
 * The bus contract, run against the memory bus and the real Redis.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { busKinds, redisUrl } from '../../../test/services.js';
import type { Bus } from './bus.js';
import { MemoryBus } from './memory-bus.js';
import { RedisBus } from './redis-bus.js';

async function openBus(kind: 'memory' | 'redis'): Promise<Bus> {
  if (kind === 'memory') return new MemoryBus();
  const bus = new RedisBus(redisUrl!);
  await bus.ready();
  return bus;
}

function nextMessage(bus: Bus, topic: string): Promise<{ messages: unknown[]; ready: Promise<() => Promise<void>> }> {
  const messages: unknown[] = [];
  const ready = bus.subscribe(topic, (message) => messages.push(message));
  return Promise.resolve({ messages, ready });
}

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.each(busKinds)('%s bus', (kind) => {
  const opened: Bus[] = [];
  afterEach(async () => {
    for (const bus of opened.splice(0)) await bus.close();
  });
  const open = async () => {
    const bus = await openBus(kind);
    opened.push(bus);
    return bus;
  };
  const topic = () => `test.${kind}.${Math.random().toString(36).slice(2)}`;

  it('delivers a published message to every subscriber of the topic, as a copy', async () => {
    const bus = await open();
    const name = topic();
    const first = await nextMessage(bus, name);
    const second = await nextMessage(bus, name);
    await first.ready;
    await second.ready;
    const sent = { text: 'hello', n: 1 };
    await bus.publish(name, sent);
    await waitFor(() => first.messages.length === 1 && second.messages.length === 1);
    expect(first.messages[0]).toEqual(sent);
    expect(first.messages[0]).not.toBe(sent);
  });

  it('does not deliver other topics, nor after unsubscribing', async () => {
    const bus = await open();
    const name = topic();
    const received = await nextMessage(bus, name);
    const unsubscribe = await received.ready;
    await bus.publish(topic(), 'elsewhere');
    await bus.publish(name, 1);
    await waitFor(() => received.messages.length === 1);
    await unsubscribe();
    await bus.publish(name, 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received.messages).toEqual([1]);
  });

  it('keeps the order of one publisher’s messages', async () => {
    const bus = await open();
    const name = topic();
    const received = await nextMessage(bus, name);
    await received.ready;
    for (let i = 0; i < 200; i += 1) await bus.publish(name, i);
    await waitFor(() => received.messages.length === 200);
    expect(received.messages).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  if (kind === 'redis') {
    it('carries messages between two nodes', async () => {
      const nodeA = await open();
      const nodeB = await open();
      const name = topic();
      const atB = await nextMessage(nodeB, name);
      await atB.ready;
      await nodeA.publish(name, { from: 'A' });
      await waitFor(() => atB.messages.length === 1);
      expect(atB.messages[0]).toEqual({ from: 'A' });
    });
  }
});
