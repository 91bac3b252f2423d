import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECONNECT_FIRST_DELAY_MS, RECONNECT_MAX_DELAY_MS, reconnectDelayMs } from './backoff';

describe('reconnectDelayMs', () => {
  it('starts at about half a second', () => {
    expect(reconnectDelayMs(0, 0)).toBe(RECONNECT_FIRST_DELAY_MS / 2);
    expect(reconnectDelayMs(0, 1)).toBe(RECONNECT_FIRST_DELAY_MS);
  });

  it('doubles with each failed attempt', () => {
    expect([0, 1, 2, 3, 4].map((attempt) => reconnectDelayMs(attempt, 1))).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('never waits longer than fifteen seconds, however many attempts failed', () => {
    expect(reconnectDelayMs(5, 1)).toBe(RECONNECT_MAX_DELAY_MS);
    expect(reconnectDelayMs(1_000_000, 1)).toBe(RECONNECT_MAX_DELAY_MS);
  });

  it('keeps every wait in the upper half of its ceiling', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, random) => {
        const ceilingMs = Math.min(RECONNECT_MAX_DELAY_MS, RECONNECT_FIRST_DELAY_MS * 2 ** Math.min(attempt, 30));
        const delayMs = reconnectDelayMs(attempt, random);
        expect(delayMs).toBeGreaterThanOrEqual(ceilingMs / 2);
        expect(delayMs).toBeLessThanOrEqual(ceilingMs);
      }),
    );
  });

  it('spreads clients that failed together', () => {
    const delays = new Set([0, 0.25, 0.5, 0.75, 0.99].map((random) => reconnectDelayMs(6, random)));
    expect(delays.size).toBe(5);
  });
});
