import { describe, expect, it } from 'vitest';
import { MediaPlaneError } from './media-plane.js';
import { NegotiationQueue } from './negotiation-queue.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('NegotiationQueue', () => {
  it('runs at most maxRunning at once, the rest in arrival order, and refuses past maxQueued', async () => {
    const queue = new NegotiationQueue(2, 2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      queue.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await expect(queue.run(() => Promise.resolve(9))).rejects.toBeInstanceOf(MediaPlaneError);
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect([queue.runningCount, queue.queuedCount]).toEqual([2, 2]);
    gates[1]!.resolve();
    await runs[1];
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect([queue.runningCount, queue.queuedCount]).toEqual([0, 0]);
  });

  it('frees the place of a task that failed', async () => {
    const queue = new NegotiationQueue(1, 1);
    await expect(queue.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await queue.run(() => Promise.resolve(1))).toBe(1);
  });
});
