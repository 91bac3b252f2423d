/**
 * Counters for brute-force limits, shared by every node through Redis when REDIS_URL is set.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitRule } from '../../config/config.js';
import { rateLimited } from '../http/errors.js';
import { ipv6Prefix, isIpv6, unmapIpv4 } from '../http/ip.js';

/**
 * The key an address is counted under. An IPv6 user usually holds a whole /64, so counting single
 * addresses would give them billions of buckets; an IPv4-mapped IPv6 address is the IPv4 address.
 */
export function ipLimitKey(ip: string): string {
  const address = unmapIpv4(ip);
  return isIpv6(address) ? `${ipv6Prefix(address, 4)}::/64` : address;
}

/** Counters live in Redis for a while: they are keyed by a hash, not by the email itself. */
export function accountLimitKey(normalizedEmailOrId: string): string {
  return createHash('sha256').update(normalizedEmailOrId).digest('base64url');
}

export interface Limiter {
  /** Counts one hit for `key`; throws a 429 AppError when the key is over its limit. */
  consume(key: string): Promise<void>;
  /** Throws a 429 AppError when the key is already over its limit, without counting. */
  check(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export type LimiterFactory = (name: string, rule: RateLimitRule) => Limiter;

class FlexibleLimiter implements Limiter {
  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly points: number,
  ) {}

  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw rateLimited(Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  }

  async check(key: string): Promise<void> {
    const state = await this.limiter.get(key);
    if (state && state.consumedPoints >= this.points) throw rateLimited(Math.ceil(state.msBeforeNext / 1000));
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}

export function memoryLimiterFactory(): LimiterFactory {
  return (name, rule) =>
    new FlexibleLimiter(
      new RateLimiterMemory({ keyPrefix: name, points: rule.points, duration: rule.durationSeconds }),
      rule.points,
    );
}

export function redisLimiterFactory(redis: Redis, prefix = 'airtalk:rl'): LimiterFactory {
  return (name, rule) =>
    new FlexibleLimiter(
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}:${name}`,
        points: rule.points,
        duration: rule.durationSeconds,
      }),
      rule.points,
    );
}
