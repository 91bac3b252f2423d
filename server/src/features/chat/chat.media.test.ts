import { describe, expect, it } from 'vitest';
import { sniffVoiceType } from './chat.media.js';

describe('sniffVoiceType', () => {
  it('knows WebM, Ogg and MP4 audio by their first bytes', () => {
    const webm = Buffer.concat([
      Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81]),
      Buffer.from('webm....'),
    ]);
    expect(sniffVoiceType(webm)?.contentType).toBe('audio/webm');
    expect(sniffVoiceType(Buffer.from('OggS\0\x02\0\0\0\0\0\0\0\0'))?.contentType).toBe('audio/ogg');
    expect(sniffVoiceType(Buffer.from('\0\0\0\x20ftypM4A \0\0\0\0'))?.contentType).toBe('audio/mp4');
  });

  it('refuses anything else, including Matroska video and short files', () => {
    const matroska = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.from('matroska.....')]);
    expect(sniffVoiceType(matroska)).toBeNull();
    expect(sniffVoiceType(Buffer.from('<svg onload=alert(1)>'))).toBeNull();
    expect(sniffVoiceType(Buffer.from('OggS'))).toBeNull();
  });
});
