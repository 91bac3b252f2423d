/**
 * Before any integration test: in CI, PostgreSQL and Redis must be configured and answering.
 * Outside CI a missing service narrows the run, and this says so once, loudly.
 */
import { Redis } from 'ioredis';
import pg from 'pg';
import { isCi, postgresUrl, redisUrl } from './services.js';

async function assertPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function assertRedis(url: string): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}

export default async function setup(): Promise<void> {
  if (isCi && !postgresUrl)
    throw new Error('CI=true but DATABASE_URL is not set: the PostgreSQL suites would be skipped.');
  if (isCi && !redisUrl) throw new Error('CI=true but REDIS_URL is not set: the Redis suites would be skipped.');
  if (postgresUrl) {
    await assertPostgres(postgresUrl).catch((error: unknown) => {
      throw new Error(`PostgreSQL at DATABASE_URL is unreachable: ${String(error)}`);
    });
  }
  if (redisUrl) {
    await assertRedis(redisUrl).catch((error: unknown) => {
      throw new Error(`Redis at REDIS_URL is unreachable: ${String(error)}`);
    });
  }
  const missing = [!postgresUrl && 'PostgreSQL (DATABASE_URL)', !redisUrl && 'Redis (REDIS_URL)'].filter(Boolean);
  if (missing.length > 0) {
    process.stderr.write(
      `\n  Integration tests run without ${missing.join(' and ')}: only SQLite and the memory bus.\n\n`,
    );
  }
}
