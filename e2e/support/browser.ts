/**
 * Debian's Chromium through playwright-core, with the flags that work on these machines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const viewports = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 860 },
} as const;

export interface LaunchOptions {
  /** Chromium's fake camera and microphone, allowed without a prompt (our own consent still asks). */
  fakeMedia?: boolean;
  /**
   * WebRTC against the local media server: ICE over loopback (127.0.0.1 candidates), and received
   * audio played (Chromium decodes, and counts the energy of, only audio it plays) without a tap.
   */
  liveAudio?: boolean;
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install chromium (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.fakeMedia ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : []),
      ...(options.liveAudio
        ? ['--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required']
        : []),
    ],
  });
}

export interface ContextOptions {
  language: 'en' | 'zh';
  viewport: keyof typeof viewports;
  /** Where the emulated device is; the browser answers location requests only if `allowLocation`. */
  geolocation?: { latitude: number; longitude: number };
  /** Whether the person says yes to the browser's own location prompt. */
  allowLocation?: boolean;
}

export async function newContext(browser: Browser, options: ContextOptions): Promise<BrowserContext> {
  const phone = options.viewport === 'phone';
  return browser.newContext({
    locale: options.language === 'zh' ? 'zh-CN' : 'en-GB',
    viewport: viewports[options.viewport],
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
    ...(options.geolocation ? { geolocation: { ...options.geolocation, accuracy: 20 } } : {}),
    permissions: options.allowLocation ? ['geolocation'] : [],
  });
}

const screenshotDir = path.resolve(import.meta.dirname, '../screenshots');

/** Saves a full-page screenshot under e2e/screenshots/, for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}
