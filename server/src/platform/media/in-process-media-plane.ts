/**
 * The SFU on the caller's own event loop: for unit tests and tools only. Production runs it in
 * its own process (ChildProcessMediaPlane), because forwarding audio is CPU work that would stall
 * the API's requests and sockets.
 */
import type { LostParticipant, MediaPlane, MediaPlaneStats, SpeakingLevel } from './media-plane.js';
import { Sfu, type SfuOptions, type SfuStats } from './sfu.js';

export class InProcessMediaPlane implements MediaPlane {
  private readonly sfu: Sfu;

  constructor(options: SfuOptions = {}) {
    this.sfu = new Sfu(options);
  }

  negotiate(roomId: string, userId: string, offerSdp: string): Promise<{ answerSdp: string }> {
    return this.sfu.negotiate(roomId, userId, offerSdp);
  }

  setPublishing(roomId: string, userId: string, publishing: boolean): Promise<void> {
    return this.sfu.setPublishing(roomId, userId, publishing);
  }

  leave(roomId: string, userId: string): Promise<void> {
    return this.sfu.leave(roomId, userId);
  }

  closeRoom(roomId: string): Promise<void> {
    return this.sfu.closeRoom(roomId);
  }

  stats(): Promise<MediaPlaneStats & SfuStats> {
    return Promise.resolve({ ...this.sfu.stats(), restarts: 0 });
  }

  onSpeaking(listener: (roomId: string, levels: SpeakingLevel[]) => void): void {
    this.sfu.onSpeaking(listener);
  }

  /** Never fires: nothing can die apart from the caller. */
  onParticipantsLost(_listener: (lost: LostParticipant[]) => void): void {}

  close(): Promise<void> {
    return this.sfu.close();
  }
}
