import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TURN_TTL_SECONDS, iceServersFor } from './media-plane.js';

const NOW_MS = Date.UTC(2026, 11, 1, 12, 0, 0, 400);
const NOW_UNIX_SECONDS = Math.floor(NOW_MS / 1000);

describe('iceServersFor', () => {
  it('gives STUN only, and no TURN entry without a secret (browsers refuse turn: without credentials)', () => {
    expect(iceServersFor('u1', { stunUrls: [], turnUrls: [] }, NOW_MS)).toEqual([]);
    expect(
      iceServersFor('u1', { stunUrls: ['stun:stun.example.org:3478'], turnUrls: ['turn:turn.example.org'] }, NOW_MS),
    ).toEqual([{ urls: ['stun:stun.example.org:3478'] }]);
  });

  it('signs a TURN REST API credential that coturn accepts: expiry:userId, base64 HMAC-SHA1 of it', () => {
    const secret = 'north-wind-secret';
    const servers = iceServersFor(
      'user-42',
      {
        stunUrls: ['stun:turn.example.org:3478'],
        turnUrls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349?transport=tcp'],
        turnSecret: secret,
        turnTtlSeconds: 600,
      },
      NOW_MS,
    );
    expect(servers).toHaveLength(2);
    const turn = servers[1]!;
    expect(turn.urls).toEqual([
      'turn:turn.example.org:3478?transport=udp',
      'turns:turn.example.org:5349?transport=tcp',
    ]);
    expect(turn.username).toBe(`${NOW_UNIX_SECONDS + 600}:user-42`);
    // Known-answer check, independent of the code under test's own HMAC call.
    expect(turn.credential).toBe(createHmac('sha1', secret).update(turn.username!).digest('base64'));
    expect(Buffer.from(turn.credential!, 'base64')).toHaveLength(20);
  });

  it('never hands out the secret, in any field', () => {
    const secret = 'do-not-leak-this-secret';
    const json = JSON.stringify(
      iceServersFor('u', { stunUrls: ['stun:a'], turnUrls: ['turn:a'], turnSecret: secret }, NOW_MS),
    );
    expect(json).not.toContain(secret);
    expect(json).not.toContain(Buffer.from(secret).toString('base64'));
  });

  it('expires after the default TTL, and a later call gets a later expiry and another credential', () => {
    const config = { stunUrls: [], turnUrls: ['turn:a'], turnSecret: 's' };
    const first = iceServersFor('u', config, NOW_MS)[0]!;
    expect(first.username).toBe(`${NOW_UNIX_SECONDS + DEFAULT_TURN_TTL_SECONDS}:u`);
    const later = iceServersFor('u', config, NOW_MS + 60_000)[0]!;
    expect(later.username).toBe(`${NOW_UNIX_SECONDS + 60 + DEFAULT_TURN_TTL_SECONDS}:u`);
    expect(later.credential).not.toBe(first.credential);
    // Another user's credential differs even at the same instant.
    expect(iceServersFor('v', config, NOW_MS)[0]!.credential).not.toBe(first.credential);
  });
});
