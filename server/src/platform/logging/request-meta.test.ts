import { describe, expect, it } from 'vitest';
import { coarsenIp, describeRequest, primaryLanguage } from './request-meta.js';

describe('coarse IP', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0/24'],
    ['::ffff:198.51.100.4', '198.51.100.0/24'],
    ['2001:db8:abcd:12::7', '2001:db8:abcd::/48'],
    ['2001:0db8:0000:0042:0000:8a2e:0370:7334', '2001:db8:0::/48'],
    ['::1', '0:0:0::/48'],
    ['not an ip', null],
    [undefined, null],
  ])('%s → %s', (ip, expected) => {
    expect(coarsenIp(ip)).toBe(expected);
  });
});

describe('request description', () => {
  it('names browser and OS from the User-Agent and keeps only the primary language', () => {
    const meta = describeRequest(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
      'zh-CN,zh;q=0.9,en;q=0.8',
      '198.51.100.23',
    );
    expect(meta).toEqual({
      browser: 'Mobile Safari 17',
      os: 'iOS 17.2',
      language: 'zh-CN',
      coarseIp: '198.51.100.0/24',
    });
  });

  it('survives junk', () => {
    expect(describeRequest('x'.repeat(100_000), '<script>', undefined)).toEqual({
      browser: null,
      os: null,
      language: null,
      coarseIp: null,
    });
    expect(primaryLanguage('en-GB;q=0.9')).toBe('en-GB');
  });
});
