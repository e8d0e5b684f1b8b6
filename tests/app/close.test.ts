// An app that was created closes its store whether or not it ever listened (the bench and the
// command-line tools use the pipeline without listening).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app/app';
import { readConfig } from '../../server/config';

const dataDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-close-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('createApp', () => {
  it('closes its store on close, listened or not', async () => {
    const app = await createApp({ config: readConfig({ PORT: '0', FRAUDWALL_DATA_DIR: dataDir }), logger: pino({ level: 'silent' }) });
    expect(await app.store.hasEvents()).toBe(false);
    await app.close();
    await expect(app.store.hasEvents()).rejects.toThrow(/store thread stopped/);
  });
});
