/**
 * The media plane as production runs it: the werift SFU in its own process, real peer connections
 * over loopback (werift clients in this process standing in for browsers), synthetic Opus packets
 * whose first byte names the speaker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChildProcessMediaPlane } from './child-process-media-plane.js';
import type { LostParticipant, SpeakingLevel } from './media-plane.js';
import { TestClient } from './test-client.js';

let plane: ChildProcessMediaPlane;
const clients: TestClient[] = [];
const speaking: { roomId: string; levels: SpeakingLevel[] }[] = [];
const lost: LostParticipant[][] = [];
const joinTimesMs: number[] = [];

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Offer → negotiate → answer → connected, as the web client will do over the gateway. */
async function join(roomId: string, userId: string, options: { speaker?: boolean } = {}): Promise<TestClient> {
  const client = new TestClient(options);
  clients.push(client);
  const started = Date.now();
  const { answerSdp } = await plane.negotiate(roomId, userId, await client.offer());
  await client.accept(answerSdp);
  await client.connected();
  joinTimesMs.push(Date.now() - started);
  return client;
}

beforeAll(() => {
  plane = new ChildProcessMediaPlane({
    sfu: { iceAdditionalHostAddresses: ['127.0.0.1'], iceUseIpv6: false },
    restartDelayMs: 50,
  });
  plane.onSpeaking((roomId, levels) => speaking.push({ roomId, levels }));
  plane.onParticipantsLost((participants) => lost.push(participants));
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await plane.close();
  const sorted = [...joinTimesMs].sort((a, b) => a - b);
  console.info(
    `media plane joins: ${sorted.length}, median ${sorted[Math.floor(sorted.length / 2)] ?? 0} ms, max ${sorted.at(-1) ?? 0} ms`,
  );
});

describe('ChildProcessMediaPlane (werift SFU in its own process)', () => {
  it("forwards a speaker's audio to every listener, not back to the speaker, with speaking levels", async () => {
    const speaker = await join('room-1', 'speaker', { speaker: true });
    const ann = await join('room-1', 'ann');
    const bob = await join('room-1', 'bob');
    await plane.setPublishing('room-1', 'speaker', true);
    speaker.startTalking(7, 20);
    await until(() => ann.packetsFrom(7) >= 25 && bob.packetsFrom(7) >= 25);
    const annBytes = [...ann.slots.values()].reduce((total, slot) => total + slot.bytes, 0);
    await sleep(300);
    expect([...ann.slots.values()].reduce((total, slot) => total + slot.bytes, 0)).toBeGreaterThan(annBytes);
    expect(speaker.totalPackets()).toBe(0);
    // One slot carries the one speaker: one SSRC, consecutive sequence numbers.
    expect(ann.slots.size).toBe(1);
    const [slot] = [...ann.slots.values()];
    const gaps = slot!.sequenceNumbers.slice(1).filter((seq, i) => seq !== ((slot!.sequenceNumbers[i]! + 1) & 0xffff));
    expect(gaps).toEqual([]);
    // −20 dBov is 0.67 on the 60 dB scale, sent in steps of 0.05 once the smoothing has settled.
    await until(() => speaking.some((event) => event.roomId === 'room-1' && event.levels[0]?.level === 0.65));
    expect(
      speaking.filter((e) => e.roomId === 'room-1').every((e) => e.levels.every((l) => l.userId === 'speaker')),
    ).toBe(true);
    expect(await plane.stats()).toMatchObject({ rooms: 1, participants: 3, connectedParticipants: 3, publishers: 1 });
    // 2 listeners × 50 packets/s, once a whole second of talking has been counted.
    await until(async () => (await plane.stats()).forwardedPacketsPerSecond >= 90, 3_000);
    speaker.stopTalking();
    await sleep(700);
    expect(speaking.at(-1)).toEqual({ roomId: 'room-1', levels: [] });
  });

  it('drops the audio of a participant who is not publishing, and forwards it once they are', async () => {
    const guest = await join('room-2', 'guest', { speaker: true });
    const listener = await join('room-2', 'listener');
    guest.startTalking(3, 20);
    const before = (await plane.stats()).droppedPacketsTotal;
    await sleep(600);
    expect(listener.totalPackets()).toBe(0);
    expect((await plane.stats()).droppedPacketsTotal).toBeGreaterThan(before + 15);
    await plane.setPublishing('room-2', 'guest', true);
    await until(() => listener.packetsFrom(3) >= 10);
    await plane.setPublishing('room-2', 'guest', false);
    await sleep(100);
    const afterMute = listener.totalPackets();
    await sleep(500);
    expect(listener.totalPackets()).toBe(afterMute);
    guest.stopTalking();
  });

  it('forwards only the 3 loudest speakers; a speaker among them hears the 4th in their own place', async () => {
    // Tag = rank: 1 is loudest. The quietest joins first, so ranking must displace them.
    const levelsDbov = new Map([
      [4, 45],
      [3, 25],
      [2, 15],
      [1, 5],
    ]);
    const speakers = new Map<number, TestClient>();
    for (const [tag, dbov] of levelsDbov) {
      const client = await join('room-3', `s${tag}`, { speaker: true });
      await plane.setPublishing('room-3', `s${tag}`, true);
      client.startTalking(tag, dbov);
      speakers.set(tag, client);
    }
    const listeners = [await join('room-3', 'l1'), await join('room-3', 'l2')];
    await sleep(1000);
    for (const client of [...listeners, ...speakers.values()]) client.resetCounts();
    await sleep(1000);
    for (const listener of listeners) {
      for (const tag of [1, 2, 3]) expect(listener.packetsFrom(tag)).toBeGreaterThan(30);
      expect(listener.packetsFrom(4)).toBe(0);
      // Each slot carried one speaker throughout, on its own SSRC.
      expect(listener.slots.size).toBe(3);
      for (const slot of listener.slots.values()) expect(slot.byTag.size).toBe(1);
    }
    const loudest = speakers.get(1)!;
    expect(loudest.packetsFrom(1)).toBe(0);
    for (const tag of [2, 3, 4]) expect(loudest.packetsFrom(tag)).toBeGreaterThan(30);
    expect(speakers.get(4)!.packetsFrom(4)).toBe(0);
    for (const tag of [1, 2, 3]) expect(speakers.get(4)!.packetsFrom(tag)).toBeGreaterThan(30);

    // The quietest gets loud: they take the weakest place, and that slot's numbering runs on.
    speakers.get(4)!.startTalking(4, 0);
    speakers.get(3)!.startTalking(3, 55);
    await sleep(1000);
    const listener = listeners[0]!;
    listener.resetCounts();
    await sleep(600);
    expect(listener.packetsFrom(4)).toBeGreaterThan(20);
    expect(listener.packetsFrom(3)).toBe(0);
    for (const client of speakers.values()) client.stopTalking();
    await plane.closeRoom('room-3');
  });

  it('answers an ICE restart offer on the same connection, and audio flows again', async () => {
    const speaker = await join('room-4', 'speaker', { speaker: true });
    const listener = await join('room-4', 'listener');
    await plane.setPublishing('room-4', 'speaker', true);
    speaker.startTalking(9, 20);
    await until(() => listener.packetsFrom(9) > 10);
    const ufrag = (sdp: string | undefined) => /a=ice-ufrag:(\S+)/.exec(sdp ?? '')?.[1];
    const oldOfferUfrag = ufrag(listener.pc.currentLocalDescription?.sdp);
    const oldAnswerUfrag = ufrag(listener.pc.currentRemoteDescription?.sdp);
    const offer = await listener.offer({ iceRestart: true });
    expect(ufrag(offer)).not.toBe(oldOfferUfrag);
    const { answerSdp } = await plane.negotiate('room-4', 'listener', offer);
    expect(ufrag(answerSdp)).not.toBe(oldAnswerUfrag);
    await listener.accept(answerSdp);
    await listener.connected();
    const countAfterRestart = listener.packetsFrom(9);
    await until(() => listener.packetsFrom(9) > countAfterRestart + 25);
    expect((await plane.stats()).participants).toBeGreaterThanOrEqual(2);
    speaker.stopTalking();
  });

  it('releases everything on leave and closeRoom', async () => {
    await join('room-5', 'a', { speaker: true });
    await join('room-5', 'b');
    await plane.leave('room-5', 'a');
    await plane.leave('room-5', 'a'); // twice is fine
    await plane.leave('room-5', 'nobody');
    await plane.closeRoom('room-1');
    await plane.closeRoom('room-2');
    await plane.closeRoom('room-4');
    await plane.closeRoom('room-5');
    await plane.closeRoom('never-opened');
    expect(await plane.stats()).toMatchObject({ rooms: 0, participants: 0, publishers: 0 });
  });

  it('refuses a video or trickle offer with BAD_OFFER and leaves nothing behind', async () => {
    const client = new TestClient({ speaker: true });
    clients.push(client);
    const offer = await client.offer();
    await expect(plane.negotiate('room-6', 'x', offer.replace(/a=candidate:.*\r\n/g, ''))).rejects.toMatchObject({
      code: 'BAD_OFFER',
    });
    await expect(plane.negotiate('room-6', 'x', offer.replace('m=audio', 'm=video'))).rejects.toMatchObject({
      code: 'BAD_OFFER',
    });
    expect((await plane.stats()).participants).toBe(0);
  });

  it('starts a dead media process again, reports who was lost, and they can negotiate anew', async () => {
    await join('room-7', 'speaker', { speaker: true });
    await join('room-7', 'listener');
    await plane.setPublishing('room-7', 'speaker', true);
    const [pid] = plane.pids();
    process.kill(pid!, 'SIGKILL');
    await until(() => lost.length > 0);
    expect(lost[0]!.map((p) => p.userId).sort()).toEqual(['listener', 'speaker']);
    // The publishing flag survived the restart: only new connections are needed.
    const speaker = await join('room-7', 'speaker', { speaker: true });
    const listener = await join('room-7', 'listener');
    expect(plane.pids()[0]).not.toBe(pid);
    speaker.startTalking(5, 20);
    await until(() => listener.packetsFrom(5) > 10);
    speaker.stopTalking();
    const stats = await plane.stats();
    expect(stats.restarts).toBe(1);
    await plane.closeRoom('room-7');
  });
});
