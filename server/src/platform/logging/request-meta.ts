/**
 * What the privacy policy says we record about a request: browser and OS (parsed from the
 * User-Agent), language, and a coarse IP address that points at a network, never a household.
 */
import { UAParser } from 'ua-parser-js';
import { ipv6Prefix, isIpv4, isIpv6, unmapIpv4 } from '../http/ip.js';

export interface RequestMeta {
  browser: string | null;
  os: string | null;
  language: string | null;
  coarseIp: string | null;
}

const MAX_USER_AGENT_LENGTH = 512;

/** IPv4 cut to /24, IPv6 to /48 (an IPv4-mapped IPv6 address counts as IPv4). */
export function coarsenIp(ip: string | undefined): string | null {
  if (!ip) return null;
  const address = unmapIpv4(ip);
  if (isIpv4(address)) {
    const [a, b, c] = address.split('.');
    return `${a}.${b}.${c}.0/24`;
  }
  if (isIpv6(address)) return `${ipv6Prefix(address, 3)}::/48`;
  return null;
}

function joinName(name: string | undefined, version: string | undefined): string | null {
  if (!name) return null;
  return version ? `${name} ${version}` : name;
}

/** The primary language tag only ("zh-CN", "en"), never the full preference list. */
export function primaryLanguage(acceptLanguage: string | undefined): string | null {
  const first = acceptLanguage?.split(',')[0]?.split(';')[0]?.trim();
  return first && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(first) ? first : null;
}

export function describeRequest(
  userAgent: string | undefined,
  acceptLanguage: string | undefined,
  ip: string | undefined,
): RequestMeta {
  const parsed = userAgent ? new UAParser(userAgent.slice(0, MAX_USER_AGENT_LENGTH)).getResult() : undefined;
  const majorVersion = parsed?.browser.version?.split('.')[0];
  return {
    browser: joinName(parsed?.browser.name, majorVersion),
    os: joinName(parsed?.os.name, parsed?.os.version),
    language: primaryLanguage(acceptLanguage),
    coarseIp: coarsenIp(ip),
  };
}
