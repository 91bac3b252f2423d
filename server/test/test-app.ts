/**
 * The whole Airtalk app in-process for API tests: real database (SQLite or PostgreSQL), real
 * argon2, a memory or Redis bus, the mail outbox, a fake clock and captured logs.
 * Requests go through Fastify's inject, with a small cookie jar per simulated browser.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../src/app.js';
import { loadConfig, type Config } from '../src/config/config.js';
import { defaultPolicyContentDir, loadPolicyDocuments, type PolicyDocument } from '../src/features/policy/index.js';
import type { Bus } from '../src/platform/bus/bus.js';
import { MemoryBus } from '../src/platform/bus/memory-bus.js';
import { RedisBus } from '../src/platform/bus/redis-bus.js';
import { FakeClock } from '../src/platform/clock.js';
import { InProcessMediaPlane } from '../src/platform/media/index.js';
import type { GatewayLimits } from '../src/platform/realtime/gateway.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { OutboxMailer } from '../src/platform/mail/mailer.js';
import { Argon2PasswordHasher } from '../src/platform/security/password-hasher.js';
import { memoryLimiterFactory, redisLimiterFactory } from '../src/platform/security/rate-limiter.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { redisUrl, type BusKindUnderTest, type DatabaseKindUnderTest } from './services.js';

export interface TestAppOptions {
  database?: DatabaseKindUnderTest;
  bus?: BusKindUnderTest;
  config?: Partial<Config>;
  env?: NodeJS.ProcessEnv;
  nowIso?: string;
  policyDocuments?: PolicyDocument[];
  gatewayLimits?: Partial<GatewayLimits>;
  /** Serve an existing database (as a new release would); it is then left open on close. */
  existingDatabase?: TestDatabase;
}

export interface TestApp {
  app: App;
  config: Config;
  database: TestDatabase;
  outbox: OutboxMailer;
  clock: FakeClock;
  logLines: string[];
  browser(options?: BrowserOptions): TestBrowser;
  close(): Promise<void>;
}

export interface BrowserOptions {
  ip?: string;
  userAgent?: string;
  language?: string;
  /** Sends Origin and Sec-Fetch-Site like a browser on this page's own origin. */
  origin?: string;
}

const CHROME_ON_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

let browserCounter = 0;

/** A simulated browser: keeps its cookies between requests, like a real one. */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  /** Each browser has its own address unless a test chooses one, so per-IP limits stay apart. */
  readonly ip: string;

  constructor(
    private readonly testApp: { app: App },
    private readonly options: BrowserOptions,
  ) {
    browserCounter += 1;
    this.ip = options.ip ?? `198.18.${Math.floor(browserCounter / 250) % 250}.${(browserCounter % 250) + 1}`;
  }

  async request(method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}) {
    const cookieHeader = [...this.cookies.entries()].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.testApp.app.server.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        'user-agent': this.options.userAgent ?? CHROME_ON_ANDROID,
        'accept-language': this.options.language ?? 'en-GB,en;q=0.8',
        ...(this.options.origin ? { origin: this.options.origin, 'sec-fetch-site': 'same-origin' } : {}),
        ...(cookieHeader ? { cookie: cookieHeader } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined
        ? {}
        : { payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) }),
    });
    this.remember(response);
    return response;
  }

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', url, body ?? {}, headers);
  put = (url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('PUT', url, body ?? {}, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);
}

/** Captures the app's log lines, to check what is (and is not) written. */
function logCapture(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'airtalk-app-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', DATA_DIR: dataDir, ...options.env }, options.config);
  const database = options.existingDatabase ?? (await createTestDatabase(options.database ?? 'sqlite'));
  const clock = new FakeClock(Date.parse(options.nowIso ?? '2026-11-29T10:00:00Z'));
  const logLines: string[] = [];
  const logger = createLogger('info', logCapture(logLines));
  const outbox = new OutboxMailer(config.mailFrom, () => clock.nowMs());

  let bus: Bus = new MemoryBus();
  let limiterFactory = memoryLimiterFactory();
  let limiterRedis: Redis | undefined;
  if (options.bus === 'redis') {
    if (!redisUrl) throw new Error('Redis tests need REDIS_URL.');
    const redisBus = new RedisBus(redisUrl);
    await redisBus.ready();
    bus = redisBus;
    limiterRedis = new Redis(redisUrl);
    limiterFactory = redisLimiterFactory(limiterRedis, `airtalk-test:${randomBytes(6).toString('hex')}`);
  }

  // werift in this process, on loopback; it starts nothing until someone negotiates.
  const mediaPlane = new InProcessMediaPlane({ iceAdditionalHostAddresses: ['127.0.0.1'] });
  const app = await buildApp({
    config,
    database,
    bus,
    mailer: outbox,
    outbox,
    clock,
    logger,
    limiterFactory,
    hasher: new Argon2PasswordHasher(config.passwordHashConcurrency, config.passwordHashQueueLimit),
    policyDocuments: options.policyDocuments ?? loadPolicyDocuments(defaultPolicyContentDir),
    ...(options.gatewayLimits ? { gatewayLimits: options.gatewayLimits } : {}),
    mediaPlane,
  });
  await app.server.ready();

  const testApp: TestApp = {
    app,
    config,
    database,
    outbox,
    clock,
    logLines,
    browser: (browserOptions = {}) => new TestBrowser(testApp, browserOptions),
    close: async () => {
      await app.server.close();
      await mediaPlane.close();
      await bus.close();
      if (limiterRedis) await limiterRedis.quit();
      if (!options.existingDatabase) await database.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testApp;
}

let accountCounter = 0;

/** A registration body that passes every rule; override what a test is about. */
export function newAccount(overrides: Record<string, unknown> = {}) {
  accountCounter += 1;
  return {
    email: `person${accountCounter}.${randomBytes(3).toString('hex')}@example.com`,
    password: 'kettle-violet-orbit-91',
    nickname: `Person ${accountCounter}`,
    birthDate: '1995-06-15',
    policyVersion: '2026-11-29',
    ...overrides,
  };
}

/** The newest link in the outbox sent to `to` whose path starts with `pathPrefix`. */
export function latestLink(outbox: OutboxMailer, to: string, pathPrefix: string): string {
  for (const mail of outbox.list()) {
    if (mail.to !== to) continue;
    const link = mail.links.find((candidate) => new URL(candidate).pathname.startsWith(pathPrefix));
    if (link) return link;
  }
  throw new Error(`No mail to ${to} with a ${pathPrefix} link.`);
}

/** Like latestLink, for mail sent in the background: waits up to a second for it to arrive. */
export async function awaitLink(outbox: OutboxMailer, to: string, pathPrefix: string): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return latestLink(outbox, to, pathPrefix);
    } catch (error) {
      if (attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

export function tokenFrom(link: string): string {
  const token = new URL(link).searchParams.get('token');
  if (!token) throw new Error(`No token in ${link}`);
  return token;
}
