/**
 * Client addresses: IPv4-mapped IPv6 read as IPv4, IPv6 expanded to its eight groups, prefixes.
 */
import net from 'node:net';

/** "::ffff:203.0.113.7" is 203.0.113.7. */
export function unmapIpv4(ip: string): string {
  return /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1] ?? ip;
}

/** The first `groupCount` groups of an IPv6 address, without leading zeros. */
export function ipv6Prefix(ip: string, groupCount: number): string {
  const [head = '', tail = ''] = ip.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = Math.max(8 - headGroups.length - tailGroups.length, 0);
  return [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups]
    .slice(0, groupCount)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':');
}

export function isIpv4(ip: string): boolean {
  return net.isIPv4(ip);
}

export function isIpv6(ip: string): boolean {
  return net.isIPv6(ip);
}
