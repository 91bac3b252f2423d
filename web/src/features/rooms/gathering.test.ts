import { describe, expect, it } from 'vitest';
import { gatheringComplete } from './media';

class FakePeer extends EventTarget {
  iceGatheringState: RTCIceGatheringState = 'complete';
  localDescription: RTCSessionDescription | null = null;

  describe(sdp: string): void {
    this.localDescription = { sdp, type: 'offer', toJSON: () => ({}) } as RTCSessionDescription;
  }

  endOfCandidates(): void {
    const event = new Event('icecandidate') as Event & { candidate: null };
    Object.defineProperty(event, 'candidate', { value: null });
    this.dispatchEvent(event);
  }
}

/** Watches a promise; `settled()` says, after the pending callbacks ran, whether it resolved. */
function watch(promise: Promise<void>) {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  return {
    settled: async (afterMs = 0) => {
      await new Promise((resolve) => setTimeout(resolve, afterMs));
      return done;
    },
  };
}

describe('gatheringComplete', () => {
  it('is done at once for a renegotiation whose offer already carries candidates', async () => {
    const peer = new FakePeer();
    peer.describe('v=0\r\na=candidate:1 1 udp 1 127.0.0.1 5000 typ host\r\n');
    expect(await watch(gatheringComplete(peer, 1000)).settled()).toBe(true);
  });

  it('waits after an ICE restart that still says complete but offers no candidate, until the round ends', async () => {
    const peer = new FakePeer();
    peer.describe('v=0\r\na=ice-ufrag:new\r\n');
    const waiting = watch(gatheringComplete(peer, 1000));
    expect(await waiting.settled()).toBe(false);
    peer.describe('v=0\r\na=ice-ufrag:new\r\na=candidate:1 1 udp 1 127.0.0.1 5001 typ host\r\n');
    peer.endOfCandidates();
    expect(await waiting.settled()).toBe(true);
  });

  it('gives up waiting after the timeout, so a broken round never hangs the offer', async () => {
    const peer = new FakePeer();
    peer.iceGatheringState = 'gathering';
    const waiting = watch(gatheringComplete(peer, 5));
    expect(await waiting.settled()).toBe(false);
    expect(await waiting.settled(20)).toBe(true);
  });
});
