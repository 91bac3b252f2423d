import { describe, expect, it } from 'vitest';
import { SlotRewriter, sequenceDelta } from './slot-rewriter.js';

describe('SlotRewriter', () => {
  it('maps one source onto the slot numbering, keeping its gaps and order', () => {
    const slot = new SlotRewriter(1000, 50_000);
    const first = slot.rewrite('a:1', 65_534, 4_294_966_000, 0)!;
    expect(first).toEqual({ sequenceNumber: 1000, timestamp: 50_000, marker: false });
    // Wraps in both spaces; a lost packet stays a gap of one.
    expect(slot.rewrite('a:1', 65_535, 4_294_966_960, 20)).toMatchObject({ sequenceNumber: 1001, timestamp: 50_960 });
    expect(slot.rewrite('a:1', 1, (4_294_966_000 + 2880) % 2 ** 32, 60)).toMatchObject({
      sequenceNumber: 1003,
      timestamp: 52_880,
    });
  });

  it('continues sequence and timestamps across a speaker switch, forward by the time that passed', () => {
    const slot = new SlotRewriter(0, 0);
    for (let i = 0; i < 5; i++) slot.rewrite('a:1', 100 + i, 9600 + i * 960, i * 20);
    // Last out: seq 4, ts 3840 at 80 ms. Speaker b arrives 500 ms later with unrelated numbers.
    const switched = slot.rewrite('b:2', 40_000, 123_456_789, 580)!;
    expect(switched).toEqual({ sequenceNumber: 5, timestamp: 3840 + 500 * 48, marker: true });
    const next = slot.rewrite('b:2', 40_001, 123_456_789 + 960, 600)!;
    expect(next).toEqual({ sequenceNumber: 6, timestamp: 3840 + 500 * 48 + 960, marker: false });
    // A switch right after a packet still moves the timestamp on by at least one frame.
    const back = slot.rewrite('a:1', 105, 9600 + 5 * 960, 600)!;
    expect(back.sequenceNumber).toBe(7);
    expect(back.timestamp).toBe(next.timestamp + 960);
  });

  it('drops a late packet from before the source came to the slot', () => {
    const slot = new SlotRewriter(0, 0);
    slot.rewrite('a:1', 10, 0, 0);
    slot.rewrite('b:1', 500, 0, 20);
    expect(slot.rewrite('b:1', 499, 0, 25)).toBeUndefined();
    expect(slot.rewrite('b:1', 501, 960, 40)?.sequenceNumber).toBe(2);
  });

  it('treats a new SSRC of the same speaker (a renegotiated mic) as a switch', () => {
    const slot = new SlotRewriter(0, 0);
    slot.rewrite('a:1', 10, 0, 0);
    expect(slot.rewrite('a:2', 9000, 77, 20)).toMatchObject({ sequenceNumber: 1, marker: true });
  });

  it('compares sequence numbers across the wrap', () => {
    expect(sequenceDelta(1, 65_535)).toBe(2);
    expect(sequenceDelta(65_535, 1)).toBe(-2);
    expect(sequenceDelta(5, 5)).toBe(0);
  });
});
