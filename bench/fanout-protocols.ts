/**
 * The two wire protocols of bench fanout, as little of each as a subscriber needs: open a
 * WebSocket (HTTP upgrade) or a NATS subscription (CONNECT, SUB) over a raw TCP socket, then only
 * count the messages that arrive. Both counters do the same work per message (find its length,
 * skip its payload, count it when its last byte is in), so neither side's clients cost more than
 * the protocol itself makes them.
 */
import { randomBytes } from 'node:crypto';

const CR = 0x0d;
const LF = 0x0a;

// ---------------------------------------------------------------------------------------------
// WebSocket (RFC 6455): server frames are never masked, so a header is 2, 4 or 10 bytes.

const OPCODE_TEXT = 0x1;
const OPCODE_CLOSE = 0x8;
const FIN = 0x80;
const MASKED = 0x80;
const MAX_HEADER_BYTES = 10;

export function webSocketUpgradeRequest(path: string, origin: string): string {
  return (
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
    `Origin: ${origin}\r\n\r\n`
  );
}

/** Counts complete, final text frames; other frames are skipped, a close frame is noted. */
export class WebSocketFrameCounter {
  textFrames = 0;
  sawClose = false;
  private readonly header = Buffer.alloc(MAX_HEADER_BYTES);
  private headerLength = 0;
  private payloadLeft = 0;
  private inText = false;

  push(chunk: Buffer): void {
    let position = 0;
    const end = chunk.length;
    while (position < end) {
      if (this.payloadLeft > 0) {
        const take = Math.min(this.payloadLeft, end - position);
        position += take;
        this.payloadLeft -= take;
        if (this.payloadLeft === 0) this.endFrame();
        continue;
      }
      // The usual case: the whole header is inside this chunk.
      if (this.headerLength === 0 && end - position >= 2) {
        const headerBytes = headerBytesOf(chunk[position + 1]!);
        if (end - position >= headerBytes) {
          this.startFrame(chunk, position, headerBytes);
          position += headerBytes;
          continue;
        }
      }
      // A header split across chunks: gather it byte by byte.
      this.header[this.headerLength++] = chunk[position++]!;
      if (this.headerLength >= 2 && this.headerLength === headerBytesOf(this.header[1]!)) {
        this.startFrame(this.header, 0, this.headerLength);
        this.headerLength = 0;
      }
    }
  }

  private startFrame(bytes: Buffer, at: number, headerBytes: number): void {
    const first = bytes[at]!;
    const second = bytes[at + 1]!;
    if (second & MASKED) throw new Error('a server frame arrived masked');
    const shortLength = second & 0x7f;
    this.payloadLeft =
      headerBytes === 2
        ? shortLength
        : headerBytes === 4
          ? bytes.readUInt16BE(at + 2)
          : Number(bytes.readBigUInt64BE(at + 2));
    this.inText = first === (FIN | OPCODE_TEXT);
    if ((first & 0x0f) === OPCODE_CLOSE) this.sawClose = true;
    if (this.payloadLeft === 0) this.endFrame();
  }

  private endFrame(): void {
    if (this.inText) this.textFrames += 1;
    this.inText = false;
  }
}

function headerBytesOf(secondByte: number): number {
  const shortLength = secondByte & 0x7f;
  return shortLength === 126 ? 4 : shortLength === 127 ? 10 : 2;
}

// ---------------------------------------------------------------------------------------------
// NATS client protocol: lines ending in CRLF; `MSG <subject> <sid> [reply-to] <bytes>` is followed
// by the payload and CRLF.

const BYTE_M = 0x4d;
const BYTE_P = 0x50;
const BYTE_I = 0x49;
const BYTE_O = 0x4f;
const BYTE_MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

export function natsConnectCommand(name: string): string {
  return `CONNECT ${JSON.stringify({ verbose: false, pedantic: false, echo: false, name, protocol: 1 })}\r\n`;
}

export interface NatsCallbacks {
  /** The server's PING: it must be answered, or the server closes the connection. */
  onPing(): void;
  /** The answer to our PING: everything sent before it has been processed. */
  onPong(): void;
  onError(line: string): void;
}

/** Counts complete MSG payloads; answers the server's PINGs through the callbacks. */
export class NatsMessageCounter {
  messages = 0;
  private partial: Buffer | undefined;
  private payloadLeft = 0;

  constructor(private readonly callbacks: NatsCallbacks) {}

  push(incoming: Buffer): void {
    let chunk = incoming;
    if (this.partial) {
      chunk = Buffer.concat([this.partial, incoming]);
      this.partial = undefined;
    }
    let position = 0;
    const end = chunk.length;
    while (position < end) {
      if (this.payloadLeft > 0) {
        const take = Math.min(this.payloadLeft, end - position);
        position += take;
        this.payloadLeft -= take;
        if (this.payloadLeft === 0) this.messages += 1;
        continue;
      }
      const lineEnd = chunk.indexOf(LF, position);
      if (lineEnd < 0) {
        this.partial = chunk.subarray(position);
        return;
      }
      this.line(chunk, position, lineEnd);
      position = lineEnd + 1;
    }
  }

  /** One protocol line, from `start` up to the LF at `lineEnd`. */
  private line(chunk: Buffer, start: number, lineEnd: number): void {
    const first = chunk[start];
    if (first === BYTE_M) {
      // The payload size is the line's last field: read its digits backwards from the CR.
      let position = chunk[lineEnd - 1] === CR ? lineEnd - 2 : lineEnd - 1;
      let size = 0;
      let scale = 1;
      for (; position > start; position -= 1) {
        const byte = chunk[position]!;
        if (byte < DIGIT_0 || byte > DIGIT_9) break;
        size += (byte - DIGIT_0) * scale;
        scale *= 10;
      }
      // The payload and its CRLF.
      this.payloadLeft = size + 2;
    } else if (first === BYTE_P && chunk[start + 1] === BYTE_I) {
      this.callbacks.onPing();
    } else if (first === BYTE_P && chunk[start + 1] === BYTE_O) {
      this.callbacks.onPong();
    } else if (first === BYTE_MINUS) {
      this.callbacks.onError(chunk.toString('latin1', start, lineEnd).trim());
    }
    // INFO and +OK need nothing.
  }
}
