import { describe, expect, it } from 'vitest';
import { MediaPlaneError } from './media-plane.js';
import { readOffer, withOpusFecAndDtx } from './offer.js';

const offer = (media: string, extra = 'a=candidate:1 1 udp 1 127.0.0.1 5000 typ host') =>
  ['v=0', 'o=- 4611731400430051336 2 IN IP4 127.0.0.1', 's=-', 't=0 0', media, 'a=ice-ufrag:abcd', extra, ''].join(
    '\r\n',
  );

describe('readOffer', () => {
  it('reads the session id and ice-ufrag of an audio offer', () => {
    expect(readOffer(offer('m=audio 9 UDP/TLS/RTP/SAVPF 111'))).toEqual({
      sessionId: '4611731400430051336',
      iceUfrag: 'abcd',
    });
  });

  it('refuses video, offers without candidates (trickle) and giant ones', () => {
    for (const sdp of [
      offer('m=video 9 UDP/TLS/RTP/SAVPF 96'),
      offer('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=end-of-candidates'),
      'garbage',
      offer('m=audio 9 UDP/TLS/RTP/SAVPF 111') + 'a=x\r\n'.repeat(20_000),
    ])
      expect(() => readOffer(sdp)).toThrow(MediaPlaneError);
  });
});

describe('withOpusFecAndDtx', () => {
  it('adds FEC and DTX and keeps the other parameters', () => {
    expect(withOpusFecAndDtx('minptime=10;useinbandfec=1')).toBe('minptime=10;useinbandfec=1;usedtx=1');
    expect(withOpusFecAndDtx('usedtx=0;stereo=1')).toBe('usedtx=1;stereo=1;useinbandfec=1');
    expect(withOpusFecAndDtx(undefined)).toBe('useinbandfec=1;usedtx=1');
  });
});
