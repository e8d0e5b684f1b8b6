// Wires the data path — ingest → validate → store → aggregate → stream — into one server.
// Importing this file does nothing; createApp opens the store and builds a server that `listen`
// starts. This thread serves the walls: it holds the live state and the sockets, and hands
// everything that scales with data or request size to the store's threads.
import { once } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino, { type Logger } from 'pino';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/wall-socket';
import { defaultCenterName, RegionScopes, regionPack } from '../../shared/region';
import { ZonedCalendar } from '../../shared/time/zoned-calendar';
import { LiveState } from '../aggregate/live-state';
import { WallIds } from '../aggregate/wall-ids';
import { endsAccess } from '../accounts/account-command';
import { accountsRoute } from '../accounts/accounts-route';
import { AccessControl, addressOf } from '../auth/access-control';
import { DeviceDirectory } from '../auth/device-directory';
import { exportsRoute } from '../audit/exports-route';
import { startRecord } from '../audit/start-record';
import { retentionJobs } from '../retention/retention-jobs';
import { FailedAuthLimiter } from '../auth/failed-auth-limiter';
import { auditRoute } from '../audit/audit-route';
import { loadOrCreateAuditKey } from '../audit/audit-key';
import { ChainAnchor } from '../audit/chain-anchor';
import { sessionRoute } from '../accounts/session-route';
import { PasswordSignIn } from '../accounts/password-sign-in';
import { MergedFailureAudit } from '../audit/merged-failures';
import { oidcRoute } from '../accounts/oidc-route';
import { OidcSignIn } from '../accounts/oidc-sign-in';
import { PendingCookie } from '../accounts/pending-cookie';
import { SharedFailedAuthLimiter } from '../auth/shared-failed-auth-limiter';
import { RoleTokenRegistry, viewersNeedToken } from '../auth/roles';
import type { Config } from '../config';
import { healthRoute, SharedHealthProbe } from '../http/health-route';
import { AnonymousGate } from '../http/anonymous-gate';
import { CLIENT_DIST, pagesRoute } from '../http/pages';
import { readBuild } from '../http/build-version';
import { regionRoute } from '../region/region-route';
import { securityHeaders } from '../http/security-headers';
import { eventsRoute } from '../ingest/events-route';
import { IngestPipeline } from '../ingest/ingest-pipeline';
import { rejectedRoute } from '../ingest/rejected-route';
import { Metrics } from '../metrics/metrics';
import { escalationStepsRoute } from '../operator/escalation-steps-route';
import { escalationsRoute } from '../operator/escalations-route';
import { claimRoute } from '../operator/claim-route';
import { AccountNames } from '../accounts/account-names';
import { Simulator } from '../simulator/simulator';
import { statsRoute } from '../stats/stats-route';
import { statsExportRoute } from '../exports/stats-export-route';
import { openStore } from '../store/client';
import { STORE_BUSY, transientCode } from '../store/errors';
import type { Store } from '../store/store';
import { Broadcaster } from '../stream/broadcaster';
import { OpenConnections } from '../http/open-connections';
import { WALL_STREAM_DEFLATE } from '../stream/compression';
import { HandshakePolicy } from '../stream/handshake-policy';
import { snapshotRoute } from '../stream/snapshot-route';
import { Playback, type PlaybackOptions } from '../playback/playback';
import { statusRoute } from '../stream/status-route';
import { DEFAULT_STREAM_LIMITS, MAX_CLIENT_MESSAGE_BYTES } from '../stream/stream-limits';
import { SessionSweep } from '../stream/session-sweep';
import { attachWallSockets, dropStuckSockets, endAccountSockets, endSessionSockets, sendDirections } from '../stream/wall-socket';
import { WallDirections } from '../walls/wall-directions';
import { sceneRoute } from '../walls/scene-route';
import { WallRegistry } from '../stream/wall-registry';
import { AlertDirectory } from '../alerts/alert-directory';
import { AlertDesk, type AlertTiming } from '../alerts/alert-desk';
import { alertTargetsRoute } from '../alerts/alert-targets-route';
import { AlertStanding, STANDING_EVERY_MS } from '../alerts/alert-standing';
import { StorageWatch } from '../alerts/storage-watch';
import { FeedWatch } from '../feeds/feed-watch';
import { feedAlarms } from '../feeds/feed-rule';
import { SurgeWatch } from '../surges/surge-watch';
import { SURGE_BASELINE_FLOOR } from '../surges/surge-rule';
import { surgeAlarms } from '../surges/surge-rule-alarms';
import { overdueAlarms } from '../alerts/overdue-rule';
import { postWebhook, type WebhookPost } from '../alerts/webhook-post';
import { wallsRoute } from '../stream/walls-route';
import { systemClock, type Clock } from '../clock';
import { errorHandler } from './error-handler';
import { Lifecycle } from './lifecycle';
import type { SchemaNewer } from '../upgrade/schema-newer';
import { SchemaWatch } from '../upgrade/schema-watch';

const STOP_GRACE_MS = 8_000;
/** Overdue escalations one round raises at most, oldest first: a bound on the round far above the province's worst evening. */
const OVERDUE_LISTED = 1_000;

/** Slow clients are cut off: headers must arrive within the first, a whole request within the second. */
export interface HttpTimeouts {
  readonly headersMs: number;
  readonly requestMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersMs: 10_000, requestMs: 30_000 };

export interface AppOptions {
  readonly config: Config;
  /** Injected in tests to cross midnight without waiting for it. */
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Where the built client is; tests build their own. */
  readonly clientDir?: string;
  /** Tests tighten this to reach it in seconds. */
  readonly unsentBytesPerSocket?: number;
  readonly httpTimeouts?: HttpTimeouts;
  /** How alarms reach their services; tests count what a node sends. */
  readonly postWebhook?: WebhookPost;
  readonly alertTiming?: AlertTiming;
}

export interface FraudwallApp {
  readonly config: Config;
  readonly store: Store;
  readonly live: LiveState;
  /** The region and every city and county inside it. */
  readonly scopes: RegionScopes;
  readonly pipeline: IngestPipeline;
  readonly broadcaster: Broadcaster;
  readonly calendar: ZonedCalendar;
  readonly httpServer: HttpServer;
  /** The routes, for a test that walks every endpoint. */
  readonly routes: express.Express;
  readonly logger: Logger;
  /** The retention jobs, to run at once in tests. */
  readonly retention: ReturnType<typeof retentionJobs>;
  /** The alarms' sender, to run a round at once in tests. */
  readonly alerts: AlertDesk;
  /** The surge count, to run one at once in tests. */
  readonly surges: SurgeWatch;
  /**
   * Resolves if the database is found migrated by a later release while this node runs (a
   * rolling upgrade's first new node did it): the node must stop, exit 2 (schema-watch.ts).
   */
  readonly superseded: Promise<SchemaNewer>;
  /** Starts listening (and the simulator, if configured); resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops accepting, closes sockets, timers and the store. */
  close(): Promise<void>;
}

export async function createApp({
  config,
  clock = systemClock,
  logger = pino({ level: config.logLevel }),
  clientDir,
  unsentBytesPerSocket = DEFAULT_STREAM_LIMITS.unsentBytes,
  httpTimeouts = DEFAULT_HTTP_TIMEOUTS,
  postWebhook: post = postWebhook,
  alertTiming,
}: AppOptions): Promise<FraudwallApp> {
  const now = () => clock.now();
  const calendar = new ZonedCalendar(config.timeZone);
  const region = regionPack(config.region);
  const scopes = new RegionScopes(region);
  const auditKey = loadOrCreateAuditKey(config.auditKeyFile);
  const store = await openStore(
    {
      dataDir: config.dataDir,
      ...(config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl }),
      timeZone: config.timeZone,
      region: config.region,
      maxEventAgeDays: config.maxEventAgeDays,
      index: config.index,
      redMinutes: config.sla.redMinutes,
      sessionIdleMs: config.sessionIdleMinutes * 60_000,
      auditKey,
    },
    logger,
  );
  if (!(await store.auditKeyFits())) {
    await store.close();
    throw new Error(
      `FRAUDWALL_AUDIT_KEY_FILE (${config.auditKeyFile}) does not hold the key the audit trail was written with: every node sharing a database needs the same key file`,
    );
  }
  const build = readBuild(clientDir ?? CLIENT_DIST);
  const liveOptions: PlaybackOptions = {
    wallIds: new WallIds(auditKey),
    // Read when a card is built: the names are loaded when the server starts listening.
    nameOf: (username) => names.nameOf(username),
    calendar,
    region,
    demo: config.simulate,
    settings: {
      centerName: config.centerName ?? defaultCenterName(region),
      timeZone: config.timeZone,
      sla: { ...config.sla },
      ...(config.mapScale === undefined ? {} : { mapScale: config.mapScale }),
      clockRate: clock.rate,
      version: build.version,
    },
  };
  const live = new LiveState({
    ...liveOptions,
    feedOf: (source, lastMs) => feedWatch.viewOf(source, lastMs),
    loadBasis: (day) => store.liveBasis(day),
    onBasisError: (error) => logger.error({ err: error }, 'the new day could not be loaded; retrying'),
  });
  const playback = new Playback(store, liveOptions);
  const metrics = new Metrics(
    store,
    build,
    () => io.engine.clientsCount,
    () => walls.countByVersion(),
    // Read at scrape time, when the sockets, walls and broadcaster below exist.
    () => broadcaster.wallsPerScope(),
  );
  // Scenes and playlists: read at start, and again whenever any node changes them (the change feed).
  const directions = new WallDirections(store, () => sendDirections(io, directions), (username) => names.nameOf(username));
  const reloadDirections = () => void directions.reload().catch((error: unknown) => logger.error({ err: error }, 'the walls’ scenes could not be read; the ones known stand'));
  const feedWatch = new FeedWatch({
    store,
    scopes,
    floorMinutes: config.alerts.feedSilentMinutes,
    nameOf: (username) => names.nameOf(username),
    scopeOf: (username) => names.scopeOf(username),
    iso: (ms) => calendar.isoWithOffset(ms),
    now,
    onFeeds: (feeds) => live.setFeeds(feeds),
    onError: (error) => logger.warn({ err: error }, 'could not read the feeds; the walls keep what they showed'),
    ...(alertTiming?.feedWatchEveryMs === undefined ? {} : { everyMs: alertTiming.feedWatchEveryMs }),
  });
  store.follow({
    change: (change) => {
      // The commit reaches the walls' thread here: the ingest-to-delta time runs from now.
      if (change.recent.length > 0) metrics.changeArrived();
      live.apply(change, now());
      if (change.control) reloadDirections();
    },
    resync: () => {
      void live.load(now()).catch((error: unknown) => logger.error({ err: error }, 'the live state could not be reloaded'));
      reloadDirections();
    },
  });
  await live.load(now());

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const trustProxy = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
  const anonymousGate = new AnonymousGate(
    (req) => addressOf(req, trustProxy),
    () => metrics.refused('too-many'),
  );
  app.use(metrics.countAnswers());
  app.use(securityHeaders());
  const healthProbe = new SharedHealthProbe(store, { isLoad: (error) => transientCode(error) === STORE_BUSY, onProbe: () => metrics.healthProbed() });
  app.use(healthRoute(healthProbe));
  const httpServer = createServer(
    {
      headersTimeout: httpTimeouts.headersMs,
      requestTimeout: httpTimeouts.requestMs,
      // Node checks both timeouts this often; its default (30 s) would let them slip.
      connectionsCheckingInterval: Math.min(1_000, httpTimeouts.headersMs / 2),
    },
    (req, res) => {
      if (!anonymousGate.refused(req, res)) app(req, res);
    },
  );
  const connections = new OpenConnections(httpServer);
  const handshakes = new HandshakePolicy({
    allowedOrigins: config.allowedOrigins,
    socketsPerAddress: config.maxSocketsPerAddress,
    trustProxy,
    onRefused: (reason) => metrics.refused(reason),
  });
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    serveClient: false,
    perMessageDeflate: config.streamCompression ? WALL_STREAM_DEFLATE : false,
    maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES,
    allowRequest: handshakes.allowRequest,
  });
  handshakes.track(io);
  const walls = new WallRegistry();
  const pipeline = new IngestPipeline({ store, now, onCommitted: (counts) => metrics.committed(counts) });
  const limiter = new SharedFailedAuthLimiter(new FailedAuthLimiter(now), store, now);
  const access = new AccessControl(
    new RoleTokenRegistry(config.tokens),
    scopes,
    limiter,
    () => viewersNeedToken(config.tokens) || devices.devicesExist,
    logger,
    (sessionId) => store.sessionOf(sessionId, now()),
    (token) => devices.find(token),
  );
  const names = new AccountNames(
    () => store.accountList(),
    () => {
      live.namesChanged();
      sendDirections(io, directions);
    },
    (error) => logger.warn({ err: error }, 'could not reload the display names; the ones known are still shown'),
  );
  const devicesUnread = (error: unknown) => logger.warn({ err: error }, 'could not reload the devices; the ones known are still let in');
  const devices = new DeviceDirectory(
    () => store.devices(),
    (username) => endAccountSockets(io, username),
    devicesUnread,
  );

  const broadcaster = new Broadcaster({
    io,
    live,
    calendar,
    now,
    health: () => store.health,
    onDelta: () => metrics.deltaSent(),
    onHeartbeat: () => dropStuckSockets(io, unsentBytesPerSocket, logger),
  });
  attachWallSockets(io, { access, directions, broadcaster, walls, trustProxy, now, logger });

  const signIns = new PasswordSignIn(store, limiter, now);
  const failedSignIns = new MergedFailureAudit(store, now, (error) => logger.error({ err: error }, 'failed sign-ins could not be written to the audit trail'));
  app.use(sessionRoute(store, signIns, failedSignIns, now, (sessionId) => endSessionSockets(io, sessionId)));
  app.use(oidcRoute(config.oidc && new OidcSignIn(config.oidc, scopes), store, failedSignIns, new PendingCookie(auditKey), limiter, now, config.oidc?.redirectUri, logger));
  app.use(auditRoute(access, scopes, store));
  app.use(exportsRoute(access, store, now));
  app.use(
    accountsRoute(access, scopes, store, now, async (command) => {
      await devices.refresh().catch(devicesUnread);
      await names.refresh().catch(() => {});
      if (endsAccess(command)) endAccountSockets(io, command.username);
    }),
  );
  app.use(metrics.route());
  app.use(eventsRoute(access, pipeline));
  app.use(rejectedRoute(access, store, now));
  app.use(snapshotRoute(access, broadcaster, playback, now, config.maxEventAgeDays));
  app.use(statusRoute(access, broadcaster, store, scopes, (ms) => calendar.isoWithOffset(ms)));
  app.use(escalationsRoute(access, store, now));
  app.use(statsRoute(access, store, now));
  app.use(statsExportRoute(access, store, now));
  app.use(escalationStepsRoute(access, pipeline, store, now));
  app.use(claimRoute(access, pipeline, store, names, now));
  app.use(wallsRoute(access, scopes, walls, directions));
  app.use(
    sceneRoute({
      access,
      scopes,
      store,
      directions,
      openCard: (warningId) => live.openCard(warningId),
      device: (username) => devices.named(username),
      nameOf: (username) => names.nameOf(username),
      clockOf: (ms) => calendar.isoWithOffset(ms).slice(11, 16),
      now,
    }),
  );
  const alertDirectory = new AlertDirectory(store, scopes, config.alerts.targets);
  app.use(alertTargetsRoute({ access, scopes, store, directory: alertDirectory, iso: (ms) => calendar.isoWithOffset(ms), now }));
  app.use(regionRoute(access, scopes, config.mapFile));
  app.use(pagesRoute(clientDir));
  app.use('/api', (_req, res) => res.status(404).json({ error: 'no such endpoint' }));
  app.use(errorHandler(logger));

  const retention = retentionJobs(store, config, now, logger);
  const auditAnchor = new ChainAnchor(store, config.auditAnchorFile, logger);
  const sessionSweep = new SessionSweep(io, async (sessionId) => (await store.sessionOf(sessionId, now(), false)) !== undefined, logger);
  const simulator = config.simulate
    ? new Simulator({
        pipeline,
        store,
        region,
        calendar,
        now,
        logger,
        historyDays: config.simulateHistoryDays,
        onHistoryProgress: (progress) => live.setHistoryProgress(progress),
      })
    : undefined;

  const placeName = (adcode: string) => {
    const place = scopes.get(adcode);
    if (!place) return adcode;
    return place.level === 'county' && place.city && place.city.name !== place.name ? `${place.city.name}${place.name}` : place.name;
  };
  const clockOf = (ms: number) => calendar.isoWithOffset(ms).slice(11, 16);
  const surgeWatch = new SurgeWatch({
    store,
    scopes,
    calendar,
    settings: { ...config.surges, floor: SURGE_BASELINE_FLOOR },
    now,
    onSurges: (surges) =>
      live.setSurges(
        surges.map((surge) => {
          const place = scopes.get(surge.scope)!;
          return { ...surge, scopeName: place.name, since: calendar.isoWithOffset(surge.sinceMs), counties: place.counties.map((c) => c.adcode) };
        }),
      ),
    onError: (error) => logger.warn({ err: error }, 'could not count the last hour for surges; the walls keep what they showed'),
    ...(alertTiming?.surgeEveryMs === undefined ? {} : { everyMs: alertTiming.surgeEveryMs }),
  });
  const alerts = new AlertDesk({
    store,
    directory: alertDirectory,
    rules: [
      () =>
        overdueAlarms(live.unattendedSince(now() - config.sla.redMinutes * 60_000, OVERDUE_LISTED), {
          placeName,
          clockOf,
          ...(config.publicUrl ? { consoleUrl: `${config.publicUrl}/console` } : {}),
          nowMs: now(),
        }),
      () => surgeAlarms(surgeWatch.surges, placeName, clockOf, config.publicUrl ? (scope) => `${config.publicUrl}/?scope=${scope}` : undefined),
      () => feedAlarms(feedWatch.feeds, scopes.region.adcode, (feed) => names.scopeOf(feed.source.slice(4)) ?? scopes.region.adcode, clockOf, now()),
    ],
    post,
    repeatMs: config.alerts.repeatMinutes * 60_000,
    logger,
    now,
    ...(alertTiming ? { timing: alertTiming } : {}),
  });

  const alertStanding = new AlertStanding(
    alertTiming?.standingEveryMs ?? STANDING_EVERY_MS,
    store,
    alertDirectory,
    scopes,
    (ms) => calendar.isoWithOffset(ms),
    (failing) => live.setFailingTargets(failing),
    (error) => logger.warn({ err: error }, 'could not read how the alert targets stand; the walls keep what they showed'),
  );

  const storageWatch = new StorageWatch({
    health: () => store.health,
    directory: alertDirectory,
    post,
    audit: (entry) => store.audit(entry),
    repeatMs: config.alerts.repeatMinutes * 60_000,
    centerName: config.centerName ?? defaultCenterName(region),
    clockOf,
    now,
    logger,
    ...(alertTiming?.storageGraceMs === undefined ? {} : { graceMs: alertTiming.storageGraceMs }),
    ...(alertTiming?.storageCheckEveryMs === undefined ? {} : { checkEveryMs: alertTiming.storageCheckEveryMs }),
  });

  let supersede: (refusal: SchemaNewer) => void = () => {};
  const superseded = new Promise<SchemaNewer>((resolve) => (supersede = resolve));
  const schemaWatch = new SchemaWatch(store, logger, supersede);

  // Started in this order by listen(), stopped in the reverse by close(): the walls' connections
  // close first. The store, open from the start, closes after them all, listened or not.
  const lifecycle = new Lifecycle(
    [
      ...(simulator ? [{ name: 'simulator', start: async () => simulator.start({ backfill: !(await store.hasEvents()) }), stop: async () => (simulator.stop(), simulator.stopped()) }] : []),
      { name: 'devices', start: async () => (await devices.refresh(), devices.start()), stop: () => devices.stop() },
      { name: 'display names', start: async () => (await names.refresh(), names.start()), stop: () => names.stop() },
      { name: 'wall directions', start: () => directions.start(), stop: () => directions.close() },
      { name: 'feed watch', start: () => feedWatch.start(), stop: () => feedWatch.stop() },
      { name: 'surge watch', start: () => surgeWatch.start(), stop: () => surgeWatch.stop() },
      { name: 'alerts', start: () => alerts.start(), stop: () => alerts.stop() },
      { name: 'alert standing', start: () => alertStanding.start(), stop: () => alertStanding.stop() },
      { name: 'storage watch', start: () => storageWatch.start(), stop: () => storageWatch.stop() },
      { name: 'start record', start: () => store.audit(startRecord(config, build, region.adcode, now())) },
      { name: 'schema watch', start: () => schemaWatch.start(), stop: () => schemaWatch.stop() },
      // Stopped after everything that records (in the reverse order), so its last anchor is the chain's end.
      { name: 'audit anchor', start: () => auditAnchor.start(), stop: () => auditAnchor.stop() },
      { name: 'failed sign-ins', start: () => failedSignIns.start(), stop: () => failedSignIns.stop() },
      { name: 'audit retention', start: () => retention.audit.start(), stop: () => retention.audit.stop() },
      { name: 'victims retention', start: () => retention.pii.start(), stop: () => retention.pii.stop() },
      { name: 'session sweep', start: () => sessionSweep.start(), stop: () => sessionSweep.stop() },
      { name: 'broadcaster', start: () => broadcaster.start(), stop: () => broadcaster.stop() },
      {
        name: 'http',
        start: async () => {
          httpServer.listen(config.port, config.host);
          await once(httpServer, 'listening');
        },
        stop: async () => {
          // Closing waits for requests in flight and for walls to answer the close; a client that
          // never finishes its upload, or a wall gone silent, is cut off, so a stop always
          // completes well within the 10 s a supervisor allows.
          const force = setTimeout(() => connections.destroyAll(), STOP_GRACE_MS);
          await io.close();
          clearTimeout(force);
          if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        },
      },
    ],
    logger,
  );

  return {
    config,
    superseded,
    store,
    live,
    scopes,
    pipeline,
    broadcaster,
    calendar,
    httpServer,
    routes: app,
    logger,
    retention,
    alerts,
    surges: surgeWatch,
    async listen() {
      await lifecycle.start();
      return (httpServer.address() as AddressInfo).port;
    },
    async close() {
      await lifecycle.stop();
      await store.close();
    },
  };
}
