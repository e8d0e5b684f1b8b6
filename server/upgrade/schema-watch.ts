// A node that finds its database migrated past it stops (issue 24). During a rolling upgrade on
// PostgreSQL, the first node of a later release migrates the shared database as it starts; the
// nodes still running the earlier release did their own check at their start, long before. Every
// few seconds each node reads the schema's version again: one newer than it knows says that
// another release now owns the database, whose tables this code may no longer read or write
// correctly, so it stops as a start would have refused — exit 2, both versions named — and its
// walls and senders move to the nodes of the new release behind nginx.
import type { Logger } from 'pino';
import { SchemaNewer } from './schema-newer';

/** Real seconds between looks: a rolling upgrade's overlap is short, a query cheap. */
export const SCHEMA_WATCH_EVERY_MS = 5_000;

export interface SchemaVersions {
  /** The version the database is at now. */
  readonly found: number;
  /** The newest this code migrates to. */
  readonly supported: number;
}

export interface SchemaApi {
  schemaVersions(): Promise<SchemaVersions>;
}

export class SchemaWatch {
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: SchemaApi,
    private readonly logger: Logger,
    /** Called once, with the refusal, when the database is found newer than this code. */
    private readonly onNewer: (refusal: SchemaNewer) => void,
  ) {}

  start(): void {
    this.#timer = setInterval(() => void this.look(), SCHEMA_WATCH_EVERY_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async look(): Promise<void> {
    let versions: SchemaVersions;
    try {
      versions = await this.store.schemaVersions();
    } catch (error) {
      // The database out of reach is health's to report; the next look tries again.
      this.logger.debug({ err: error }, 'schema version not read');
      return;
    }
    if (versions.found <= versions.supported || this.#timer === undefined) return;
    this.stop();
    this.onNewer(new SchemaNewer(versions.found, versions.supported));
  }
}
