import { describe, expect, it } from 'vitest';
import { SpeakerLevel, TAKEOVER_MARGIN, levelFromDbov, rankSpeakers } from './speaker-ranking.js';

describe('levels', () => {
  it('maps −dBov onto 0..1 over 60 dB, silence (127) to 0', () => {
    expect(levelFromDbov(0)).toBe(1);
    expect(levelFromDbov(30)).toBe(0.5);
    expect(levelFromDbov(60)).toBe(0);
    expect(levelFromDbov(127)).toBe(0);
  });

  it('smooths per tick and decays to 0 when packets stop (DTX, mute)', () => {
    const level = new SpeakerLevel();
    level.addPacket(0);
    level.addPacket(0);
    expect(level.tick()).toBe(0.5);
    level.addPacket(0);
    expect(level.tick()).toBe(0.75);
    for (let i = 0; i < 20; i++) level.tick();
    expect(level.level).toBe(0);
  });
});

describe('rankSpeakers', () => {
  const levels = (entries: Record<string, number>) => new Map(Object.entries(entries));

  it('puts the loudest first and everyone else after, by level', () => {
    expect(rankSpeakers([], levels({ a: 0.1, b: 0.9, c: 0.5, d: 0.7 }), 3)).toEqual(['b', 'd', 'c', 'a']);
  });

  it('keeps a speaker in the top set until a challenger is clearly louder', () => {
    const top = ['a', 'b', 'c'];
    expect(rankSpeakers(top, levels({ a: 0.5, b: 0.5, c: 0.3, d: 0.3 + TAKEOVER_MARGIN / 2 }), 3)).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    expect(rankSpeakers(top, levels({ a: 0.5, b: 0.5, c: 0.3, d: 0.3 + TAKEOVER_MARGIN * 2 }), 3)).toEqual([
      'a',
      'b',
      'd',
      'c',
    ]);
  });

  it('forgets speakers who stopped publishing', () => {
    expect(rankSpeakers(['a', 'b', 'c'], levels({ b: 0, d: 0 }), 3)).toEqual(['b', 'd']);
  });
});
