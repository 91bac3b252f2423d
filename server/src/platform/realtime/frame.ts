/**
 * WebSocket framing for broadcasts (RFC 6455 §5.2): a server frame is never masked, so one frame's
 * bytes can be written to every socket that should receive it. `ws` frames per `send()` call;
 * framing once is what lets a broadcast to a thousand sockets cost one JSON.stringify and one frame.
 */

const FIN_TEXT = 0x81;
const SMALL_PAYLOAD_MAX = 125;
const MEDIUM_PAYLOAD_MAX = 0xffff;

/** One complete, unmasked, final text frame carrying `payload` (UTF-8 JSON). */
export function encodeTextFrame(payload: Buffer): Buffer {
  const length = payload.length;
  const headerBytes = length <= SMALL_PAYLOAD_MAX ? 2 : length <= MEDIUM_PAYLOAD_MAX ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + length);
  frame[0] = FIN_TEXT;
  if (headerBytes === 2) {
    frame[1] = length;
  } else if (headerBytes === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  payload.copy(frame, headerBytes);
  return frame;
}

/** The frame for one server event. */
export function encodeEvent(event: unknown): Buffer {
  return encodeTextFrame(Buffer.from(JSON.stringify(event), 'utf8'));
}
