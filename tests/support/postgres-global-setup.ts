// The conformance run's PostgreSQL (vite.config.ts, project "postgres"): one cluster for the
// whole run, started before the test files and removed after them; each test server makes a
// database of its own in it (test-server.ts).
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cluster's maintenance database, as a connection URL. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const postgres = await startPostgres();
  project.provide('postgresUrl', postgres.url);
  return () => postgres.destroy();
}
