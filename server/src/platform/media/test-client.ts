/**
 * A werift peer that behaves like the web client towards the media plane: up to 3 recvonly audio
 * transceivers (the slots) and, for a speaker, one sendonly track; complete offers, no trickle.
 * It sends synthetic Opus packets whose first payload byte names the speaker, with an
 * audio-level extension, so tests can tell who reached whom without decoding audio. Tests only.
 */
import {
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RTP_EXTENSION_URI,
  RtpHeader,
  RtpPacket,
  useAudioLevelIndication,
  useSdesMid,
  type RTCRtpTransceiver,
} from 'werift';
import { startIceChecks, withoutFallbackStun } from './sfu.js';

export interface TestClientOptions {
  speaker?: boolean;
  slots?: number;
}

export interface SlotReception {
  packets: number;
  bytes: number;
  /** Packets per speaker tag (first payload byte). */
  byTag: Map<number, number>;
  sequenceNumbers: number[];
  timestamps: number[];
}

export class TestClient {
  readonly pc = new RTCPeerConnection({
    iceServers: [],
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceUseIpv6: false,
    codecs: {
      audio: [
        new RTCRtpCodecParameters({
          mimeType: 'audio/opus',
          clockRate: 48_000,
          channels: 2,
          parameters: 'minptime=10;useinbandfec=1',
        }),
      ],
      video: [],
    },
    headerExtensions: { audio: [useSdesMid(), useAudioLevelIndication()], video: [] },
  });
  /** Reception per slot SSRC. */
  readonly slots = new Map<number, SlotReception>();
  private microphone: RTCRtpTransceiver | undefined;
  private sequenceNumber = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffff_ffff);
  private talking: NodeJS.Timeout | undefined;
  private restarting = false;
  private readonly sessionId = String(Math.floor(Math.random() * 1e15));

  constructor(options: TestClientOptions = {}) {
    for (let i = 0; i < (options.slots ?? 3); i++) this.pc.addTransceiver('audio', { direction: 'recvonly' });
    if (options.speaker) this.addMicrophone();
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => {
        let slot = this.slots.get(rtp.header.ssrc);
        if (!slot) {
          slot = { packets: 0, bytes: 0, byTag: new Map(), sequenceNumbers: [], timestamps: [] };
          this.slots.set(rtp.header.ssrc, slot);
        }
        slot.packets += 1;
        slot.bytes += rtp.payload.length;
        const tag = rtp.payload[0] ?? -1;
        slot.byTag.set(tag, (slot.byTag.get(tag) ?? 0) + 1);
        slot.sequenceNumbers.push(rtp.header.sequenceNumber);
        slot.timestamps.push(rtp.header.timestamp);
      });
    });
  }

  addMicrophone(): void {
    this.microphone = this.pc.addTransceiver('audio', { direction: 'sendonly' });
  }

  /** A complete offer: werift's setLocalDescription returns after gathering. */
  async offer(options: { iceRestart?: boolean } = {}): Promise<string> {
    if (options.iceRestart) {
      this.pc.restartIce();
      this.restarting = true;
    }
    const offer = await this.pc.createOffer(options);
    withoutFallbackStun(this.pc);
    await this.pc.setLocalDescription(offer);
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('no local description');
    // werift makes a new o= session id for every offer; browsers keep one per connection (JSEP),
    // and the SFU tells a new connection from a renegotiation by it.
    return sdp.replace(/^o=(\S+) \S+/m, `o=$1 ${this.sessionId}`);
  }

  async accept(answerSdp: string): Promise<void> {
    const restarting = this.restarting;
    this.restarting = false;
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
    // A browser runs the checks of a restarted agent by itself; werift needs the nudge (see sfu.ts).
    if (restarting) startIceChecks(this.pc);
  }

  async connected(timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    while (this.pc.connectionState !== 'connected') {
      if (Date.now() - started > timeoutMs) throw new Error(`not connected: ${this.pc.connectionState}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** One 20 ms packet: payload tagged with `tag`, level `dbov` (0 loudest, 127 silence). */
  sendPacket(tag: number, dbov: number): void {
    const microphone = this.microphone;
    if (!microphone) throw new Error('not a speaker');
    const levelId = microphone.headerExtensions.find((e) => e.uri === RTP_EXTENSION_URI.audioLevelIndication)?.id;
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    this.timestamp = (this.timestamp + 960) >>> 0;
    const header = new RtpHeader({
      sequenceNumber: this.sequenceNumber,
      timestamp: this.timestamp,
      extensions: levelId === undefined ? [] : [{ id: levelId, payload: Buffer.from([0x80 | (dbov & 0x7f)]) }],
    });
    microphone.sender.sendRtp(new RtpPacket(header, Buffer.alloc(40, tag))).catch(() => undefined);
  }

  /** Sends a packet every 20 ms until stopTalking; the level may change while talking. */
  startTalking(tag: number, dbov: number): void {
    this.stopTalking();
    this.talking = setInterval(() => {
      this.sendPacket(tag, dbov);
    }, 20);
  }

  stopTalking(): void {
    if (this.talking) clearInterval(this.talking);
    this.talking = undefined;
  }

  /** Packets received from the speaker tagged `tag`, over all slots. */
  packetsFrom(tag: number): number {
    let count = 0;
    for (const slot of this.slots.values()) count += slot.byTag.get(tag) ?? 0;
    return count;
  }

  totalPackets(): number {
    let count = 0;
    for (const slot of this.slots.values()) count += slot.packets;
    return count;
  }

  resetCounts(): void {
    this.slots.clear();
  }

  async close(): Promise<void> {
    this.stopTalking();
    await this.pc.close();
  }
}
