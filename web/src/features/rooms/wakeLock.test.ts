import { describe, expect, it } from 'vitest';
import { createWakeLock, type WakeLockDocument, type WakeLockNavigator } from './wakeLock';

class FakeDocument implements WakeLockDocument {
  visibilityState: DocumentVisibilityState = 'visible';
  private readonly listeners = new Set<() => void>();
  addEventListener(_type: 'visibilitychange', listener: () => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'visibilitychange', listener: () => void): void {
    this.listeners.delete(listener);
  }
  show(state: DocumentVisibilityState): void {
    this.visibilityState = state;
    for (const listener of this.listeners) listener();
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
}

function fakeWakeLock(refuse = false) {
  const sentinels: { released: boolean; release: () => Promise<void> }[] = [];
  const nav: WakeLockNavigator = {
    wakeLock: {
      request: () => {
        if (refuse) return Promise.reject(new DOMException('No.', 'NotAllowedError'));
        const sentinel = {
          released: false,
          release: () => {
            sentinel.released = true;
            return Promise.resolve();
          },
        };
        sentinels.push(sentinel);
        return Promise.resolve(sentinel);
      },
    },
  };
  return { nav, sentinels };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createWakeLock', () => {
  it('does nothing, and says so, where the browser has no wake lock', async () => {
    const doc = new FakeDocument();
    const lock = createWakeLock({}, doc);
    expect(lock.supported).toBe(false);
    await expect(lock.acquire()).resolves.toBe('unsupported');
    lock.release();
    expect(doc.listenerCount).toBe(0);
  });

  it('holds the lock, takes it again when the page comes back, and lets go on release', async () => {
    const doc = new FakeDocument();
    const { nav, sentinels } = fakeWakeLock();
    const lock = createWakeLock(nav, doc);
    await expect(lock.acquire()).resolves.toBe('held');
    expect(sentinels).toHaveLength(1);
    // The browser releases the lock when the page is hidden.
    const first = sentinels[0];
    if (first) first.released = true;
    doc.show('hidden');
    await settle();
    expect(sentinels).toHaveLength(1);
    doc.show('visible');
    await settle();
    expect(sentinels).toHaveLength(2);
    lock.release();
    expect(sentinels[1]?.released).toBe(true);
    expect(lock.status()).toBe('idle');
    expect(doc.listenerCount).toBe(0);
  });

  it('survives a refusal without breaking the room', async () => {
    const doc = new FakeDocument();
    const lock = createWakeLock(fakeWakeLock(true).nav, doc);
    await expect(lock.acquire()).resolves.toBe('refused');
    lock.release();
  });

  it('waits for the page to be visible before asking', async () => {
    const doc = new FakeDocument();
    doc.visibilityState = 'hidden';
    const { nav, sentinels } = fakeWakeLock();
    const lock = createWakeLock(nav, doc);
    await lock.acquire();
    expect(sentinels).toHaveLength(0);
    doc.show('visible');
    await settle();
    expect(sentinels).toHaveLength(1);
    lock.release();
  });
});
