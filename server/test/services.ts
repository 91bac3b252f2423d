/**
 * Which real services the integration tests run against. SQLite always; PostgreSQL and Redis
 * when DATABASE_URL and REDIS_URL are set. In CI both must be set and reachable: a missing
 * service fails the run instead of silently shrinking it.
 */
export const isCi = process.env.CI === 'true';
export const postgresUrl = process.env.DATABASE_URL;
export const redisUrl = process.env.REDIS_URL;

export type DatabaseKindUnderTest = 'sqlite' | 'postgres';

export const databaseKinds: DatabaseKindUnderTest[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export type BusKindUnderTest = 'memory' | 'redis';

export const busKinds: BusKindUnderTest[] = redisUrl ? ['memory', 'redis'] : ['memory'];
