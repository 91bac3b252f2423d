/**
 * What the privacy policy says we record about a request: browser and OS (parsed from the
 * User-Agent), language, and a coarse IP address that points at a network, never a household.
 */
import { UAParser } from 'ua-parser-js';
import { BoundedCache } from '../cache/bounded-cache.js';
import { ipv6Prefix, isIpv4, isIpv6, unmapIpv4 } from '../http/ip.js';

export interface RequestMeta {
  browser: string | null;
  os: string | null;
  language: string | null;
  coarseIp: string | null;
}

const MAX_USER_AGENT_LENGTH = 512;
const PARSED_USER_AGENTS_KEPT = 1000;
const PARSED_USER_AGENT_MAX_AGE_MS = 60 * 60 * 1000;

// Parsing a User-Agent runs dozens of regular expressions and happens on every request, while a
// server sees few distinct ones: each is parsed once an hour at most.
const parsedUserAgents = new BoundedCache<string, { browser: string | null; os: string | null }>(
  PARSED_USER_AGENTS_KEPT,
  PARSED_USER_AGENT_MAX_AGE_MS,
);

function browserAndOs(userAgent: string): { browser: string | null; os: string | null } {
  const nowMs = Date.now();
  const cached = parsedUserAgents.get(userAgent, nowMs);
  if (cached) return cached;
  const parsed = new UAParser(userAgent).getResult();
  const result = {
    browser: joinName(parsed.browser.name, parsed.browser.version?.split('.')[0]),
    os: joinName(parsed.os.name, parsed.os.version),
  };
  parsedUserAgents.set(userAgent, result, nowMs);
  return result;
}

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
  const { browser, os } = userAgent
    ? browserAndOs(userAgent.slice(0, MAX_USER_AGENT_LENGTH))
    : { browser: null, os: null };
  return {
    browser,
    os,
    language: primaryLanguage(acceptLanguage),
    coarseIp: coarsenIp(ip),
  };
}
