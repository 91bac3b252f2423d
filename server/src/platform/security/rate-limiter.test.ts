import { describe, expect, it } from 'vitest';
import { accountLimitKey, ipLimitKey } from './rate-limiter.js';

describe('rate-limit keys', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:10.0.0.9', '10.0.0.9'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::7a', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
  ])('counts %s as %s', (ip, key) => {
    expect(ipLimitKey(ip)).toBe(key);
  });

  it('never keys an account by its readable email', () => {
    expect(accountLimitKey('ann@example.com')).not.toContain('ann');
    expect(accountLimitKey('ann@example.com')).toBe(accountLimitKey('ann@example.com'));
  });
});
