/**
 * One listener slot's outgoing RTP numbering. A slot is one SSRC on the listener's side that
 * carries whichever speaker the SFU put there; when the speaker changes, the listener's jitter
 * buffer must see one continuous stream: sequence numbers go on from the last one sent, and the
 * timestamp moves forward by the wall-clock time since the last packet, so playout neither jumps
 * back nor stalls. Within one source, gaps and reordering are kept as they came (the offsets are
 * fixed per source), so loss concealment and DTX pauses still look right to the decoder.
 */

const SEQUENCE_MODULO = 0x1_0000;
const TIMESTAMP_MODULO = 0x1_0000_0000;
/** Opus in WebRTC always runs an RTP clock of 48 kHz. */
export const OPUS_CLOCK_RATE_HZ = 48_000;
/** One 20 ms Opus frame: the least a switch advances the timestamp, so two sources never share one. */
const MIN_SWITCH_ADVANCE_TICKS = (OPUS_CLOCK_RATE_HZ / 1000) * 20;

/** a − b in 16-bit sequence space: negative when a is older. */
export function sequenceDelta(a: number, b: number): number {
  return ((((a - b) % SEQUENCE_MODULO) + SEQUENCE_MODULO + 0x8000) % SEQUENCE_MODULO) - 0x8000;
}

function addSequence(a: number, b: number): number {
  return (((a + b) % SEQUENCE_MODULO) + SEQUENCE_MODULO) % SEQUENCE_MODULO;
}

function addTimestamp(a: number, b: number): number {
  return (((a + b) % TIMESTAMP_MODULO) + TIMESTAMP_MODULO) % TIMESTAMP_MODULO;
}

export interface RewrittenHeader {
  sequenceNumber: number;
  timestamp: number;
  /** Set on the first packet after a switch: a new talkspurt to the listener's jitter buffer. */
  marker: boolean;
}

export class SlotRewriter {
  private sourceKey: string | undefined;
  private sourceFirstSequence = 0;
  private sequenceOffset = 0;
  private timestampOffset = 0;
  private lastSequenceOut: number | undefined;
  private lastTimestampOut: number | undefined;
  private lastSentAtMs = 0;
  private switchPending = false;

  constructor(initialSequence: number, initialTimestamp: number) {
    // Random starting points (RFC 3550 §5.1) that the first source is mapped onto.
    this.sequenceOffset = initialSequence;
    this.timestampOffset = initialTimestamp;
  }

  /**
   * The slot's numbers for one packet of the source `sourceKey` (speaker and SSRC), or undefined
   * when the packet predates the source's arrival in this slot (a late packet from before a
   * switch would otherwise land in another speaker's past).
   */
  rewrite(sourceKey: string, sequenceNumber: number, timestamp: number, nowMs: number): RewrittenHeader | undefined {
    if (sourceKey !== this.sourceKey) this.switchTo(sourceKey, sequenceNumber, timestamp, nowMs);
    else if (sequenceDelta(sequenceNumber, this.sourceFirstSequence) < 0) return undefined;
    const sequenceOut = addSequence(sequenceNumber, this.sequenceOffset);
    const timestampOut = addTimestamp(timestamp, this.timestampOffset);
    if (this.lastSequenceOut === undefined || sequenceDelta(sequenceOut, this.lastSequenceOut) > 0) {
      this.lastSequenceOut = sequenceOut;
      this.lastTimestampOut = timestampOut;
      this.lastSentAtMs = nowMs;
    }
    const marker = this.switchPending;
    this.switchPending = false;
    return { sequenceNumber: sequenceOut, timestamp: timestampOut, marker };
  }

  private switchTo(sourceKey: string, sequenceNumber: number, timestamp: number, nowMs: number): void {
    this.sourceKey = sourceKey;
    this.sourceFirstSequence = sequenceNumber;
    if (this.lastSequenceOut === undefined || this.lastTimestampOut === undefined) {
      this.sequenceOffset = addSequence(this.sequenceOffset, -sequenceNumber);
      this.timestampOffset = addTimestamp(this.timestampOffset, -timestamp);
      return;
    }
    const elapsedTicks = Math.round(((nowMs - this.lastSentAtMs) * OPUS_CLOCK_RATE_HZ) / 1000);
    const nextTimestamp = addTimestamp(this.lastTimestampOut, Math.max(MIN_SWITCH_ADVANCE_TICKS, elapsedTicks));
    this.sequenceOffset = addSequence(addSequence(this.lastSequenceOut, 1), -sequenceNumber);
    this.timestampOffset = addTimestamp(nextTimestamp, -timestamp);
    this.switchPending = true;
  }
}
