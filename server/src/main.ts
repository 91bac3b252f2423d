/**
 * Starts Airtalk: config → dependencies → app → listen. Stops cleanly on SIGINT and SIGTERM.
 */
import { Redis } from 'ioredis';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { defaultPolicyContentDir, loadPolicyDocuments } from './features/policy/index.js';
import type { Bus } from './platform/bus/bus.js';
import { MemoryBus } from './platform/bus/memory-bus.js';
import { RedisBus } from './platform/bus/redis-bus.js';
import { systemClock } from './platform/clock.js';
import { databaseTargetFor, openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { createLogger, type Logger } from './platform/logging/logger.js';
import { OutboxMailer, SmtpMailer, type Mailer } from './platform/mail/mailer.js';
import { ChildProcessMediaPlane } from './platform/media/index.js';
import { Argon2PasswordHasher } from './platform/security/password-hasher.js';
import { memoryLimiterFactory, redisLimiterFactory, type LimiterFactory } from './platform/security/rate-limiter.js';

async function connectRedis(
  config: Config,
  logger: Logger,
): Promise<{ bus: Bus; limiterFactory: LimiterFactory; close: () => Promise<void> }> {
  if (!config.redisUrl) {
    return { bus: new MemoryBus(), limiterFactory: memoryLimiterFactory(), close: () => Promise.resolve() };
  }
  const bus = new RedisBus(config.redisUrl, (error) => {
    logger.error({ err: error }, 'redis bus error');
  });
  await bus.ready();
  const limiterClient = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 3 });
  limiterClient.on('error', (error: Error) => {
    logger.error({ err: error }, 'redis limiter error');
  });
  return {
    bus,
    limiterFactory: redisLimiterFactory(limiterClient),
    close: async () => {
      await bus.close();
      await limiterClient.quit();
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const database = openDatabase(databaseTargetFor(config));
  const applied = await migrateToLatest(database);
  if (applied.length > 0) logger.info({ applied, database: database.kind }, 'migrations applied');
  const redis = await connectRedis(config, logger);
  const outbox = config.smtpUrl ? null : new OutboxMailer(config.mailFrom, () => systemClock.nowMs());
  const mailer: Mailer = config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : (outbox as OutboxMailer);

  // Audio is forwarded in processes of its own, never in the API's event loop.
  const mediaPlane = new ChildProcessMediaPlane({
    processes: config.media.processes,
    sfu: { iceAdditionalHostAddresses: config.media.hostAddresses },
    logger,
  });
  const app = await buildApp({
    config,
    database,
    bus: redis.bus,
    mailer,
    outbox,
    clock: systemClock,
    logger,
    limiterFactory: redis.limiterFactory,
    hasher: new Argon2PasswordHasher(config.passwordHashConcurrency, config.passwordHashQueueLimit),
    policyDocuments: loadPolicyDocuments(defaultPolicyContentDir),
    mediaPlane,
  });

  await app.server.listen({ port: config.port, host: config.host });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    {
      url: `http://${config.host}:${port}`,
      publicUrl: config.publicUrl,
      database: database.kind,
      bus: config.redisUrl ? 'redis' : 'memory',
      mail: config.smtpUrl ? 'smtp' : 'outbox at /dev/mail',
    },
    `Airtalk is listening on http://${config.host}:${port}`,
  );
  // The log is buffered; whoever just ran `npm start` should see where to go now, not later.
  logger.flush();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.server.close();
    await mediaPlane.close();
    await redis.close();
    mailer.close();
    await database.close();
    logger.flush();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`Airtalk could not start: ${message}\n`);
  process.exit(1);
});
