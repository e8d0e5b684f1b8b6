// The process: read the environment, open the store, listen. The only module with side effects.
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { createApp } from './app/app';
import { systemClock } from './clock';
import { ConfigError, readConfig, type Config } from './config';
import { describe } from './store/errors';
import { isSchemaNewer } from './upgrade/schema-newer';
import { demoAccounts } from './simulator/demo-accounts';
import { DemoClock } from './simulator/demo-clock';

// Until the configuration is read (and FRAUDWALL_LOG_LEVEL with it) the process logs at info.
const bootLogger = pino({ level: 'info' });

function withDemoTokens(config: Config): Config {
  // `npm run demo` must work with nothing set: throwaway tokens, printed below.
  if (!config.simulate) return config;
  const token = () => randomBytes(18).toString('base64url');
  return {
    ...config,
    tokens: { ...config.tokens, ingest: config.tokens.ingest ?? token(), operator: config.tokens.operator ?? token() },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = withDemoTokens(readConfig(process.env));
  } catch (error) {
    if (error instanceof ConfigError) {
      bootLogger.fatal(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel });
  // A promise nobody awaited failed: the process is in a state nobody planned for. Say so and
  // end, so the supervisor (systemd) starts a clean one.
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled rejection; stopping');
    process.exit(1);
  });
  const demoClock = config.simulate ? new DemoClock(config.dataDir, config.simulateSpeed) : undefined;
  const app = await createApp({ config, logger, clock: demoClock ?? systemClock }).catch((error: unknown) => {
    // A database from a later release is refused, never used: exit 2, as for a bad configuration (the supervisor does not retry it).
    if (!isSchemaNewer(error)) throw error;
    logger.fatal(describe(error));
    process.exit(2);
  });
  const accounts = config.simulate ? await demoAccounts(app.store, app.scopes.region.adcode, Date.now()) : [];
  demoClock?.start();
  const port = await app.listen();
  // The log never holds a token: the kiosk URL with the viewer token is for the operator to build.
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/`;
  // Where it stores, never with the database's credentials.
  const store = config.databaseUrl === undefined ? `sqlite:${config.dataDir}` : `postgresql://${new URL(config.databaseUrl).host}${new URL(config.databaseUrl).pathname}`;
  logger.info({ port, region: config.region, timeZone: config.timeZone, demo: config.simulate, store }, `fraudwall listening on ${url}`);
  if (config.simulate) {
    process.stdout.write(
      `\n  反诈作战墙 fraudwall — DEMO (simulated data; the demo's clock runs ×${config.simulateSpeed})\n` +
        `  wall:           ${url}${config.tokens.viewer ? '?token=<FRAUDWALL_VIEWER_TOKEN>' : ''}\n` +
        `  ingest token:   ${config.tokens.ingest}\n` +
        `  operator token: ${config.tokens.operator}\n` +
        `  console:        ${url}console   admin: ${url}admin   briefing: ${url}briefing\n` +
        accounts.map((a) => `  ${`${a.role}:`.padEnd(16)}${a.username} / ${a.password}\n`).join('') +
        '\n',
    );
  }

  let stopping = false;
  const stop = (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    app.close().then(
      () => {
        demoClock?.stop();
        process.exit(code);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Another release migrated the database: stop as a start on it would have refused (exit 2).
  void app.superseded.then((refusal) => {
    logger.fatal(refusal.message);
    stop('schema', 2);
  });
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  bootLogger.fatal({ err: error }, 'fraudwall could not start');
  process.exit(1);
});
