/**
 * What every journey file needs: a fresh server and one Chromium for the file, closed after it,
 * and the UI texts in both languages (the web app's own, so labels never drift from the tests).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { zh } from '../../web/src/i18n/zh.js';
import { launchBrowser } from './browser.js';
import { startServer, type RunningServer } from './server.js';

export const texts = { en, zh } as const;
export const languages = ['en', 'zh'] as const;

export interface JourneyEnvironment {
  server: RunningServer;
  browser: Browser;
}

/** Call inside a describe: the returned object is filled in before the first test runs. */
export function useJourneyEnvironment(): JourneyEnvironment {
  const environment = {} as JourneyEnvironment;
  beforeAll(async () => {
    environment.server = await startServer();
    environment.browser = await launchBrowser();
  });
  afterAll(async () => {
    await environment.browser.close();
    await environment.server.stop();
  });
  return environment;
}
