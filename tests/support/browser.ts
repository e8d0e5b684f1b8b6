// Real Chromium for browser tests (Debian's /usr/bin/chromium via playwright-core), with a
// throwaway profile. Tests skip loudly when it is missing.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const ARTIFACTS = fileURLToPath(new URL('../.artifacts/', import.meta.url));

if (!HAS_CHROMIUM) {
  // CI installs it (.ci/run): there, a missing browser is a failure, not a skip.
  if (process.env['CI'] === 'true') throw new Error(`${CHROMIUM} is missing under CI=true: the browser tests cannot run`);
  console.warn(`\n!!! ${CHROMIUM} is missing: BROWSER TESTS ARE SKIPPED. Install it: apt-get install -y chromium fonts-noto-cjk\n`);
}

/** Builds the client once per test run into a temp dir, so tests never serve a stale dist/. */
let built: Promise<string> | undefined;
export function buildClient(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-client-'));
    await build({
      configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true },
    });
    return outDir;
  })();
  return built;
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'fraudwall-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    viewport: { width: 1920, height: 1080 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function screenshotPath(name: string): string {
  const dir = path.join(ARTIFACTS, 'screenshots');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** Signs in on a page's sign-in form (console, briefing, admin), as a person would. */
export async function signInOnPage(page: Page, username: string, password: string): Promise<void> {
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
}
