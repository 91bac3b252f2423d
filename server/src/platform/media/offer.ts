/**
 * What the SFU checks in an offer before werift sees it: werift throws deep inside on shapes it
 * does not expect (a video section with no codec in common, say), and the room logic deserves a
 * clear BAD_OFFER instead.
 */
import { MediaPlaneError } from './media-plane.js';

/** Offers are a few KB; a megabyte is someone else's payload. */
const MAX_OFFER_BYTES = 64 * 1024;

export interface OfferFacts {
  /** `o=` session id: a new RTCPeerConnection has a new one. */
  sessionId: string;
  iceUfrag: string;
}

export function readOffer(sdp: string): OfferFacts {
  if (sdp.length > MAX_OFFER_BYTES) throw new MediaPlaneError('BAD_OFFER', 'the offer is too large');
  const lines = sdp.split(/\r?\n/);
  const origin = lines.find((line) => line.startsWith('o='));
  const sessionId = origin?.split(' ')[1];
  if (!sessionId) throw new MediaPlaneError('BAD_OFFER', 'the offer has no o= line');
  const media = lines.filter((line) => line.startsWith('m='));
  if (media.length === 0) throw new MediaPlaneError('BAD_OFFER', 'the offer has no media');
  for (const line of media)
    if (!line.startsWith('m=audio '))
      throw new MediaPlaneError('BAD_OFFER', `only audio is carried, not ${line.slice(2).split(' ')[0] ?? ''}`);
  const ufragLine = lines.find((line) => line.startsWith('a=ice-ufrag:'));
  if (!ufragLine) throw new MediaPlaneError('BAD_OFFER', 'the offer has no ice-ufrag');
  if (!lines.some((line) => line.startsWith('a=candidate:')))
    throw new MediaPlaneError('BAD_OFFER', 'the offer has no candidates: send it after ICE gathering completes');
  return { sessionId, iceUfrag: ufragLine.slice('a=ice-ufrag:'.length).trim() };
}

/**
 * Opus fmtp with in-band FEC and DTX asked for. In the answer, these tell the browser what the SFU
 * wants to receive: FEC survives a lost packet, DTX sends a packet every 400 ms instead of every
 * 20 ms while someone on a seat is silent, which is most of the time in a room.
 */
export function withOpusFecAndDtx(parameters: string | undefined): string {
  const entries = new Map<string, string>();
  for (const part of (parameters ?? '').split(';')) {
    const [key, value] = part.split('=');
    if (key?.trim()) entries.set(key.trim(), (value ?? '').trim());
  }
  entries.set('useinbandfec', '1');
  entries.set('usedtx', '1');
  return [...entries].map(([key, value]) => `${key}=${value}`).join(';');
}
