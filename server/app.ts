// Wires the data path — ingest → validate → store → aggregate → stream — into one server.
// Importing this file does nothing; createApp builds a server that `listen` starts.
import { once } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from 'better-sqlite3';
import express from 'express';
import pino, { type Logger } from 'pino';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/wall-state';
import { regionPack } from '../shared/region';
import { createEventValidator } from '../shared/schema/validate';
import { ZonedCalendar } from '../shared/time/zoned-calendar';
import { LiveState } from './aggregate/live-state';
import { AccessControl } from './auth/access-control';
import { FailedAuthLimiter } from './auth/failed-auth-limiter';
import { RoleTokenRegistry } from './auth/roles';
import type { Config } from './config';
import { errorHandler } from './http/error-handler';
import { healthRoute } from './http/health-route';
import { pagesRoute } from './http/pages';
import { regionRoute } from './http/region-route';
import { securityHeaders } from './http/security-headers';
import { eventsRoute } from './ingest/events-route';
import { IngestPipeline } from './ingest/ingest-pipeline';
import { rejectedRoute } from './ingest/rejected-route';
import { Metrics } from './metrics/metrics';
import { escalationStepsRoute } from './operator/escalation-steps-route';
import { escalationsRoute } from './operator/escalations-route';
import { Simulator } from './simulator/simulator';
import { StatsQuery } from './stats/stats-query';
import { statsRoute } from './stats/stats-route';
import { openDatabase } from './store/open-database';
import { EventStore } from './store/event-store';
import { Broadcaster } from './stream/broadcaster';
import { WALL_STREAM_DEFLATE } from './stream/compression';
import { snapshotRoute } from './stream/snapshot-route';
import { attachWallSockets } from './stream/wall-socket';

const STOP_GRACE_MS = 8_000;

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface AppOptions {
  readonly config: Config;
  /** Injected in tests to cross midnight without waiting for it. */
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Where the built client is; tests build their own. */
  readonly clientDir?: string;
}

export interface FraudwallApp {
  readonly config: Config;
  readonly db: Database;
  readonly store: EventStore;
  readonly live: LiveState;
  readonly pipeline: IngestPipeline;
  readonly broadcaster: Broadcaster;
  readonly calendar: ZonedCalendar;
  readonly httpServer: HttpServer;
  readonly logger: Logger;
  /** Starts listening (and the simulator, if configured); resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops accepting, closes sockets, timers and the database. */
  close(): Promise<void>;
}

export function createApp({
  config,
  clock = systemClock,
  logger = pino({ level: config.logLevel }),
  clientDir,
}: AppOptions): FraudwallApp {
  const now = () => clock.now();
  const calendar = new ZonedCalendar(config.timeZone);
  const region = regionPack(config.region);
  const db = openDatabase(config.dataDir);
  const store = new EventStore(db, calendar);
  const live = new LiveState({
    store,
    calendar,
    region,
    demo: config.simulate,
    settings: {
      centerName: config.centerName ?? `${region.name}公安局反诈中心`,
      timeZone: config.timeZone,
      sla: { ...config.sla },
    },
  });
  live.reload(now());

  const validate = createEventValidator({
    regionId: region.id,
    countyCodes: new Set(region.counties.map((c) => c.adcode)),
    now,
    maxAgeDays: config.maxEventAgeDays,
  });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders());
  const httpServer = createServer(app);
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    serveClient: false,
    perMessageDeflate: config.streamCompression ? WALL_STREAM_DEFLATE : false,
  });
  const metrics = new Metrics(db, () => io.engine.clientsCount);
  const pipeline = new IngestPipeline({ validate, store, live, now, onCommitted: (outcome) => metrics.committed(outcome) });
  const access = new AccessControl(
    new RoleTokenRegistry(config.tokens),
    new FailedAuthLimiter(now),
    config.tokens.viewer !== undefined,
    logger,
  );

  const broadcaster = new Broadcaster({ io, live, calendar, now, onDelta: () => metrics.deltaSent() });
  attachWallSockets(io, access, broadcaster, app.get('trust proxy fn') as (address: string, hop: number) => boolean);

  app.use(healthRoute(db));
  app.use(metrics.route());
  app.use(eventsRoute(access, pipeline));
  app.use(rejectedRoute(access, store.deadLetters, calendar));
  app.use(snapshotRoute(access, broadcaster));
  app.use(escalationsRoute(access, store, calendar));
  app.use(
    statsRoute({ access, query: new StatsQuery(db), region, index: config.index, redMinutes: config.sla.redMinutes }),
  );
  app.use(escalationStepsRoute({ access, pipeline, tables: store.tables, calendar, now }));
  app.use(regionRoute(access, region, config.mapFile));
  app.use(pagesRoute(clientDir));
  app.use('/api', (_req, res) => res.status(404).json({ error: 'no such endpoint' }));
  app.use(errorHandler(logger));

  const simulator = config.simulate
    ? new Simulator({
        pipeline,
        tables: store.tables,
        meta: store.meta,
        region,
        calendar,
        speed: config.simulateSpeed,
        now,
        logger,
        historyDays: config.simulateHistoryDays,
        onHistoryProgress: (progress) => live.setHistoryProgress(progress),
      })
    : undefined;

  return {
    config,
    db,
    store,
    live,
    pipeline,
    broadcaster,
    calendar,
    httpServer,
    logger,
    async listen() {
      simulator?.start({ backfill: store.log.count() === 0 });
      broadcaster.start();
      httpServer.listen(config.port, config.host);
      await once(httpServer, 'listening');
      return (httpServer.address() as AddressInfo).port;
    },
    async close() {
      simulator?.stop();
      broadcaster.stop();
      // Closing waits for requests in flight; a client that never finishes its upload is cut
      // off, so a stop always completes well within the 10 s a supervisor allows.
      const force = setTimeout(() => httpServer.closeAllConnections(), STOP_GRACE_MS);
      await io.close();
      clearTimeout(force);
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      db.close();
    },
  };
}
