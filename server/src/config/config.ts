/**
 * Reads the server's settings from the environment once, at start. Everything else receives a Config.
 */
import path from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('localhost'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url().optional(),
  /** A PostgreSQL schema to keep the tables in, instead of the connection's default. */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .optional(),
  REDIS_URL: z.url().optional(),
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().default('Airtalk <no-reply@airtalk.localhost>'),
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST_DIR: z.string().optional(),
  METRICS_TOKEN: z.string().min(16).optional(),
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** Events one user may send on the chat socket per second, and as a burst. */
  WS_EVENTS_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(20),
  WS_EVENT_BURST: z.coerce.number().int().min(1).max(100_000).default(60),
  /** Comma-separated stun: and turn: URLs handed to browsers in rooms. */
  STUN_URLS: z.string().optional(),
  TURN_URLS: z.string().optional(),
  /** coturn's static-auth-secret: browsers get short-lived credentials made with it, never the secret. */
  TURN_SECRET: z.string().min(16).optional(),
  /** Extra host addresses the media server offers as candidates (127.0.0.1 lets a browser on this machine connect). */
  MEDIA_HOST_ADDRESSES: z.string().optional(),
  /** Media processes (each forwards about 20,000 packets/s on one core). */
  MEDIA_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
});

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export interface RateLimitRule {
  points: number;
  durationSeconds: number;
}

export interface RateLimits {
  loginPerIp: RateLimitRule;
  loginFailuresPerAccount: RateLimitRule;
  registerPerIp: RateLimitRule;
  resetPerIp: RateLimitRule;
  resetPerAccount: RateLimitRule;
  verifyResendPerAccount: RateLimitRule;
  reportsPerUser: RateLimitRule;
  passwordChecksPerAccount: RateLimitRule;
  locationUpdatesPerUser: RateLimitRule;
  /** Accounts younger than a week: a fresh account is the cheapest tool of a stalker. */
  locationUpdatesPerNewUser: RateLimitRule;
  locationUpdatesPerIp: RateLimitRule;
  nearbyQueriesPerUser: RateLimitRule;
  nearbyQueriesPerNewUser: RateLimitRule;
  nearbyQueriesPerIp: RateLimitRule;
  /** Messages sent over HTTP (the socket has its own budget). */
  chatHttpSendsPerUser: RateLimitRule;
  chatUploadsPerUser: RateLimitRule;
  roomsCreatedPerUser: RateLimitRule;
}

export interface Config {
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseSchema: string | undefined;
  redisUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  /** Addresses or CIDRs of proxies whose X-Forwarded-For is believed; empty means none. */
  trustProxy: string[];
  logLevel: string;
  /** Bearer token for /metrics; without it /metrics is open in development and absent in production. */
  metricsToken: string | undefined;
  webDistDir: string;
  passwordHashConcurrency: number;
  passwordHashQueueLimit: number;
  rateLimits: RateLimits;
  /** The per-user budget of events on the chat socket. */
  socketEvents: { ratePerSecond: number; burst: number };
  sessionIdleTtlMs: number;
  media: {
    stunUrls: string[];
    turnUrls: string[];
    turnSecret: string | undefined;
    hostAddresses: string[];
    processes: number;
  };
  emailVerificationTtlMs: number;
  passwordResetTtlMs: number;
}

export const defaultRateLimits: RateLimits = {
  loginPerIp: { points: 100, durationSeconds: 15 * 60 },
  loginFailuresPerAccount: { points: 10, durationSeconds: 15 * 60 },
  registerPerIp: { points: 20, durationSeconds: 60 * 60 },
  resetPerIp: { points: 20, durationSeconds: 60 * 60 },
  resetPerAccount: { points: 5, durationSeconds: 60 * 60 },
  verifyResendPerAccount: { points: 5, durationSeconds: 60 * 60 },
  reportsPerUser: { points: 20, durationSeconds: 60 * 60 },
  passwordChecksPerAccount: { points: 10, durationSeconds: 15 * 60 },
  locationUpdatesPerUser: { points: 60, durationSeconds: 60 * 60 },
  locationUpdatesPerNewUser: { points: 20, durationSeconds: 60 * 60 },
  locationUpdatesPerIp: { points: 300, durationSeconds: 60 * 60 },
  nearbyQueriesPerUser: { points: 300, durationSeconds: 60 * 60 },
  nearbyQueriesPerNewUser: { points: 100, durationSeconds: 60 * 60 },
  nearbyQueriesPerIp: { points: 1000, durationSeconds: 60 * 60 },
  chatHttpSendsPerUser: { points: 120, durationSeconds: 60 },
  chatUploadsPerUser: { points: 200, durationSeconds: 60 * 60 },
  roomsCreatedPerUser: { points: 10, durationSeconds: 60 * 60 },
};

const DAY_MS = 24 * 60 * 60 * 1000;

export class ConfigError extends Error {}

/** Builds the Config from environment variables; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
  }
  const vars = parsed.data;
  const production = vars.NODE_ENV === 'production';
  if (production && !vars.SMTP_URL) {
    throw new ConfigError('SMTP_URL is required in production: without it no email would ever leave the server.');
  }
  if (production && !vars.PUBLIC_URL) {
    throw new ConfigError('PUBLIC_URL is required in production: emailed links and the CSRF check depend on it.');
  }
  const config: Config = {
    production,
    port: vars.PORT,
    host: vars.HOST,
    dataDir: path.resolve(vars.DATA_DIR),
    databaseUrl: vars.DATABASE_URL,
    databaseSchema: vars.DATABASE_SCHEMA,
    redisUrl: vars.REDIS_URL,
    smtpUrl: vars.SMTP_URL,
    mailFrom: vars.MAIL_FROM,
    publicUrl: (vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`).replace(/\/+$/, ''),
    trustProxy: (vars.TRUST_PROXY ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
    logLevel: vars.LOG_LEVEL,
    metricsToken: vars.METRICS_TOKEN,
    webDistDir: path.resolve(vars.WEB_DIST_DIR ?? path.join(import.meta.dirname, '../../../web/dist')),
    passwordHashConcurrency: vars.PASSWORD_HASH_CONCURRENCY ?? 2,
    passwordHashQueueLimit: 64,
    rateLimits: defaultRateLimits,
    socketEvents: { ratePerSecond: vars.WS_EVENTS_PER_SECOND, burst: vars.WS_EVENT_BURST },
    media: {
      stunUrls: list(vars.STUN_URLS),
      turnUrls: list(vars.TURN_URLS),
      turnSecret: vars.TURN_SECRET,
      // Outside production a browser on this same machine must reach the media server over loopback.
      hostAddresses:
        vars.MEDIA_HOST_ADDRESSES !== undefined ? list(vars.MEDIA_HOST_ADDRESSES) : production ? [] : ['127.0.0.1'],
      processes: vars.MEDIA_PROCESSES,
    },
    sessionIdleTtlMs: 30 * DAY_MS,
    emailVerificationTtlMs: DAY_MS,
    passwordResetTtlMs: 60 * 60 * 1000,
  };
  return { ...config, ...overrides };
}
