/**
 * Puts Airtalk together: platform plumbing first, then each feature's services and routes.
 * Everything the app talks to (database, bus, mail, clock, limits) is passed in, so tests build
 * the same app against SQLite or PostgreSQL, a memory or Redis bus, and a fake clock.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import {
  AccountsService,
  CachingAccountsStore,
  registerAccountRoutes,
  registerAccountsPrivacy,
} from './features/accounts/index.js';
import {
  ConsentsService,
  ConsentsStore,
  registerConsentRoutes,
  registerConsentsPrivacy,
} from './features/consents/index.js';
import { BlocksService, BlocksStore, registerBlockRoutes, registerBlocksPrivacy } from './features/blocks/index.js';
import {
  ChatService,
  ChatStore,
  registerChatGateway,
  registerChatPrivacy,
  registerChatRoutes,
} from './features/chat/index.js';
import { registerHealthRoutes } from './features/health/index.js';
import { NearbyService, NearbyStore, registerNearbyPrivacy, registerNearbyRoutes } from './features/nearby/index.js';
import {
  ImagePipeline,
  PhotosService,
  PhotosStore,
  registerPhotoRoutes,
  registerPhotosPrivacy,
} from './features/photos/index.js';
import {
  ProfilesService,
  ProfilesStore,
  PublicationService,
  registerProfileRoutes,
  registerPublicationRoutes,
  registerProfilesPrivacy,
} from './features/profiles/index.js';
import {
  registerReportRoutes,
  registerReportsPrivacy,
  ReportsService,
  ReportsStore,
} from './features/reports/index.js';
import { PolicyService, registerPolicyRoutes, type PolicyDocument } from './features/policy/index.js';
import { PresenceService, PresenceStore, registerPresencePrivacy } from './features/presence/index.js';
import {
  registerRoomRoutes,
  registerRoomsGateway,
  registerRoomsPrivacy,
  RoomMedia,
  RoomsService,
  RoomsStore,
} from './features/rooms/index.js';
import type { MediaPlane } from './platform/media/index.js';
import { registerMediaMetrics } from './platform/media/metrics.js';
import {
  handshakeAuthenticator,
  registerAuthentication,
  registerSessionRoutes,
  registerSessionsPrivacy,
  SessionsService,
  SessionsStore,
} from './features/sessions/index.js';
import type { Bus } from './platform/bus/bus.js';
import type { Clock } from './platform/clock.js';
import type { DatabaseHandle } from './platform/db/database.js';
import { registerCsrfGuard } from './platform/http/csrf.js';
import { registerNulGuard } from './platform/http/nul-guard.js';
import { registerErrorHandling } from './platform/http/error-handler.js';
import { registerObservability } from './platform/http/observability.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { zodResponseSerializerCompiler } from './platform/http/serializer.js';
import type { ZodApp } from './platform/http/zod-app.js';
import { registerDevMailRoutes } from './platform/mail/dev-mail.routes.js';
import type { Mailer, OutboxMailer } from './platform/mail/mailer.js';
import { PrivacyRegistry } from './platform/privacy/registry.js';
import { Gateway, type GatewayLimits } from './platform/realtime/gateway.js';
import { RealtimeHub } from './platform/realtime/hub.js';
import { registerGatewayMetrics } from './platform/realtime/metrics.js';
import { LocalDiskStorage } from './platform/storage/index.js';
import type { PasswordHasher } from './platform/security/password-hasher.js';
import type { LimiterFactory } from './platform/security/rate-limiter.js';

export const JSON_BODY_LIMIT_BYTES = 64 * 1024;
const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  bus: Bus;
  mailer: Mailer;
  /** The development outbox, when mail is kept locally; mounted at /dev/mail outside production. */
  outbox: OutboxMailer | null;
  clock: Clock;
  logger: Logger;
  limiterFactory: LimiterFactory;
  hasher: PasswordHasher;
  policyDocuments: PolicyDocument[];
  /** The media plane of live audio rooms (a child process in production; in-process in tests). */
  mediaPlane: MediaPlane;
  /** Overrides of the gateway's limits (tests that push a thousand messages through one socket). */
  gatewayLimits?: Partial<GatewayLimits>;
}

export interface App {
  server: FastifyInstance;
  privacy: PrivacyRegistry;
  services: {
    accounts: AccountsService;
    sessions: SessionsService;
    consents: ConsentsService;
    policy: PolicyService;
    blocks: BlocksService;
    reports: ReportsService;
    profiles: ProfilesService;
    photos: PhotosService;
    nearby: NearbyService;
    chat: ChatService;
    presence: PresenceService;
    rooms: RoomsService;
  };
  gateway: Gateway;
  hub: RealtimeHub;
}

function registerWebApp(server: FastifyInstance, webDistDir: string): void {
  const indexFile = path.join(webDistDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    server.log.warn({ webDistDir }, 'web app is not built; run `npm run build -w web`');
    return;
  }
  void server.register(fastifyStatic, {
    root: webDistDir,
    wildcard: false,
    index: false,
    // The build writes .br and .gz beside each asset; browsers that accept them get those.
    preCompressed: true,
    setHeaders: (reply, filePath) => {
      // Vite names assets by content hash, so they never change; index.html always may.
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      void reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}

function isApiPath(url: string): boolean {
  return (
    url.startsWith('/api/') ||
    url.startsWith('/media/') ||
    url.startsWith('/dev/') ||
    url === '/healthz' ||
    url === '/metrics'
  );
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database, clock } = deps;
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const fastify = Fastify({
    loggerInstance,
    // Observability writes the one request log line, with only the fields the privacy policy names.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    return503OnClosing: true,
    // Errors Fastify meets before routing (a malformed URL) get the same error contract as the rest.
    frameworkErrors: (error, _request, frameworkReply) => {
      const reply: FastifyReply = frameworkReply;
      void reply
        .code(400)
        .type('application/json; charset=utf-8')
        .send({ error: { code: 'MALFORMED_REQUEST', message: error.message } });
    },
    routerOptions: { maxParamLength: 200 },
  });
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(zodResponseSerializerCompiler);
  // JSON is the only body the API reads; anything else is answered 415 before it reaches a route.
  fastify.removeContentTypeParser(['text/plain']);
  const server: ZodApp = fastify.withTypeProvider<ZodTypeProvider>();

  registerErrorHandling(server);
  registerSecurityHeaders(server, config.production);
  await server.register(fastifyCookie);
  await server.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Airtalk API',
        version: '1.0.0',
        description: 'The Airtalk HTTP API. Errors: {"error": {"code", "message", "fields"}}.',
      },
    },
    transform: jsonSchemaTransform,
  });
  registerCsrfGuard(server, config.publicUrl);
  registerNulGuard(server);
  const metrics = registerObservability(server, { metricsToken: config.metricsToken, production: config.production });

  const policy = new PolicyService(deps.policyDocuments);
  const accountsStore = new CachingAccountsStore(database.db, deps.bus, clock);
  await accountsStore.start();

  const sessions = new SessionsService({
    store: new SessionsStore(database.db),
    clock,
    bus: deps.bus,
    idleTtlMs: config.sessionIdleTtlMs,
  });
  await sessions.start();
  const consents = new ConsentsService({
    store: new ConsentsStore(database.db),
    clock,
    bus: deps.bus,
    currentPolicyVersion: () => policy.currentVersion,
    hasAcceptedCurrentPolicy: async (userId) =>
      policy.isCurrent((await accountsStore.findById(userId))?.policy_version ?? ''),
  });
  const accounts = new AccountsService({
    store: accountsStore,
    sessions,
    policy,
    hasher: deps.hasher,
    mailer: deps.mailer,
    clock,
    logger: deps.logger,
    limiterFactory: deps.limiterFactory,
    rateLimits: config.rateLimits,
    publicUrl: config.publicUrl,
    emailVerificationTtlMs: config.emailVerificationTtlMs,
    passwordResetTtlMs: config.passwordResetTtlMs,
  });

  const userExists = (userId: string) => accounts.exists(userId);
  const blocks = new BlocksService({ store: new BlocksStore(database.db), clock, userExists });
  const reports = new ReportsService({
    store: new ReportsStore(database.db),
    clock,
    limiter: deps.limiterFactory('reports', config.rateLimits.reportsPerUser),
    userExists,
  });

  const profilesStore = new ProfilesStore(database.db);
  const mediaStorage = LocalDiskStorage.forDataDir(config.dataDir);
  const photos = new PhotosService({
    store: new PhotosStore(database.db),
    storage: mediaStorage,
    pipeline: new ImagePipeline(),
    clock,
    logger: deps.logger,
    recordContactInfoAttempt: (attempt) => profilesStore.recordContactInfoAttempt(attempt),
  });
  const profiles = new ProfilesService({ store: profilesStore, accounts, blocks, photos, clock });
  const hub = new RealtimeHub(deps.bus, deps.logger);
  const presence = new PresenceService({ store: new PresenceStore(database.db), hub, clock, logger: deps.logger });
  await presence.start();
  const chatMediaStorage = new LocalDiskStorage(path.join(config.dataDir, 'chat-media'));
  const chat = new ChatService({
    store: new ChatStore(database.db),
    hub,
    accounts,
    blocks,
    consents,
    profiles,
    presence,
    pipeline: new ImagePipeline(),
    mediaStorage: chatMediaStorage,
    clock,
    logger: deps.logger,
  });
  const rooms = new RoomsService({
    store: new RoomsStore(database.db),
    hub,
    bus: deps.bus,
    blocks,
    profiles,
    hasher: deps.hasher,
    pipeline: new ImagePipeline(),
    mediaStorage,
    clock,
    logger: deps.logger,
    recordContactInfoAttempt: (attempt) => profilesStore.recordContactInfoAttempt(attempt),
  });
  rooms.start();
  const nearby = new NearbyService({
    store: new NearbyStore(database.db),
    consents,
    accounts,
    profiles,
    blocks,
    reports,
    clock,
    limiterFactory: deps.limiterFactory,
    rateLimits: config.rateLimits,
    talkedWith: (userId) => chat.talkedWith(userId),
  });
  consents.onWithdraw('location', (userId) => nearby.forgetLocation(userId));
  reports.onReviewStarted((userId) => nearby.forgetLocation(userId));
  profiles.onChanged((profile) => nearby.profileChanged(profile));
  const publications = new PublicationService({ store: profilesStore, profiles, clock, publicUrl: config.publicUrl });

  const privacy = new PrivacyRegistry();
  registerAccountsPrivacy(privacy, accountsStore);
  registerSessionsPrivacy(privacy, sessions);
  registerConsentsPrivacy(privacy);
  registerBlocksPrivacy(privacy);
  registerReportsPrivacy(privacy);
  registerProfilesPrivacy(privacy);
  registerPhotosPrivacy(privacy, mediaStorage);
  registerNearbyPrivacy(privacy);
  registerPresencePrivacy(privacy);
  registerChatPrivacy(privacy, chatMediaStorage);
  registerRoomsPrivacy(privacy, mediaStorage);

  const cookies = { production: config.production, sessionIdleTtlMs: config.sessionIdleTtlMs };
  registerAuthentication(server, sessions, cookies);
  registerHealthRoutes(server, database.db);
  registerPolicyRoutes(server, policy);
  registerAccountRoutes(server, { accounts, sessions, policy, cookies });
  registerSessionRoutes(server, sessions, config.production);
  registerConsentRoutes(server, consents);
  registerBlockRoutes(server, blocks);
  registerReportRoutes(server, reports);
  registerProfileRoutes(server, profiles, clock);
  registerPublicationRoutes(server, publications, config.publicUrl);
  registerPhotoRoutes(server, photos, mediaStorage);
  registerNearbyRoutes(server, nearby, clock);
  registerRoomRoutes(server, rooms, deps.limiterFactory('rooms-created', config.rateLimits.roomsCreatedPerUser));
  registerChatRoutes(server, chat, {
    httpSends: deps.limiterFactory('chat-http-sends', config.rateLimits.chatHttpSendsPerUser),
    uploads: deps.limiterFactory('chat-uploads', config.rateLimits.chatUploadsPerUser),
  });
  server.get('/api/v1/openapi.json', { schema: { hide: true } }, () => server.swagger());
  if (deps.outbox && !config.production) registerDevMailRoutes(server, deps.outbox);

  registerWebApp(server, config.webDistDir);
  const indexFile = path.join(config.webDistDir, 'index.html');
  server.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !isApiPath(request.url) && fs.existsSync(indexFile);
    if (wantsPage) {
      void reply.header('Cache-Control', 'no-cache').sendFile('index.html', config.webDistDir);
      return;
    }
    void reply.code(404).send({
      error: { code: 'NOT_FOUND', message: `No route for ${request.method} ${request.url.split('?')[0] ?? ''}.` },
    });
  });

  const gateway = new Gateway({
    hub,
    logger: deps.logger,
    // Event budgets refill with wall time; a test's frozen clock would never refill them.
    nowMs: () => Date.now(),
    allowedOrigins: [new URL(config.publicUrl).origin],
    authenticate: handshakeAuthenticator(fastify, sessions, config.production),
    limits: { events: config.socketEvents, ...deps.gatewayLimits },
  });
  registerChatGateway({ gateway, chat, presence, blocks });
  const roomMedia = new RoomMedia({
    plane: deps.mediaPlane,
    rooms,
    consents,
    hub,
    bus: deps.bus,
    nodeId: presence.nodeId,
    isNodeAlive: (nodeId) => presence.isNodeAlive(nodeId),
    ice: { stunUrls: config.media.stunUrls, turnUrls: config.media.turnUrls, turnSecret: config.media.turnSecret },
    clock,
    logger: deps.logger,
  });
  await roomMedia.start();
  const stopRoomsGateway = await registerRoomsGateway(gateway, rooms, roomMedia, deps.bus);
  registerGatewayMetrics(metrics, gateway);
  registerMediaMetrics(metrics, deps.mediaPlane);
  sessions.onEnded((event) => {
    gateway.closeSessions(event.sessionIds);
  });
  gateway.attach(fastify.server);

  const housekeeping = setInterval(() => {
    void sessions.deleteExpired().catch((error: unknown) => {
      deps.logger.error({ err: error }, 'housekeeping failed');
    });
    void chat.deleteUnsentMedia().catch((error: unknown) => {
      deps.logger.error({ err: error }, 'chat media housekeeping failed');
    });
  }, HOUSEKEEPING_INTERVAL_MS);
  housekeeping.unref();
  server.addHook('preClose', async () => {
    rooms.stop();
    await roomMedia.stop();
    await stopRoomsGateway();
    await gateway.close();
    await presence.stop();
  });
  server.addHook('onClose', async () => {
    clearInterval(housekeeping);
    await sessions.stop();
    await accountsStore.stop();
  });

  return {
    server,
    privacy,
    services: {
      accounts,
      sessions,
      consents,
      policy,
      blocks,
      reports,
      profiles,
      photos,
      nearby,
      chat,
      presence,
      rooms,
    },
    gateway,
    hub,
  };
}
