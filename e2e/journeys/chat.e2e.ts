/**
 * 1:1 chat in English and Chinese on phones: Ann starts a chat from Bob's profile; they talk with
 * text (unread badge and title, read receipt), a photo and a voice message recorded through
 * Chromium's fake microphone after our own consent explanation. Then Bob's phone goes offline,
 * Ann sends five messages, and when Bob is back online he sees all five, in order, once. The list
 * and the conversation are saved as screenshots on a phone and on a desktop.
 */
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerInPage } from '../support/accounts.js';
import { launchBrowser, newContext, screenshot } from '../support/browser.js';
import { languages, texts } from '../support/journey.js';
import { startServer, type RunningServer } from '../support/server.js';

const DESKTOP_SCREENSHOT = { width: 1280, height: 800 };

/** The text bubbles of a conversation, top to bottom. */
function bubbleTexts(page: Page): Promise<string[]> {
  return page.locator('.thread .bubble__text').allInnerTexts();
}

describe('chat journey', () => {
  const env = {} as { server: RunningServer };
  let browser: Browser;

  beforeAll(async () => {
    env.server = await startServer();
    browser = await launchBrowser({ fakeMedia: true });
  });
  afterAll(async () => {
    await browser.close();
    await env.server.stop();
  });

  for (const language of languages) {
    it(`chats with text, a photo and a voice message, and catches up after being offline, in ${language}`, async () => {
      const t = texts[language];
      const suffix = language.toUpperCase();
      const annName = `Ann${suffix}`;
      const bobName = `Bob${suffix}`;

      const annContext = await newContext(browser, { language, viewport: 'phone' });
      await annContext.grantPermissions(['microphone']);
      const ann = await annContext.newPage();
      await ann.goto(`${env.server.url}/`);
      await registerInPage(ann, annName);

      const bobContext = await newContext(browser, { language, viewport: 'phone' });
      const bob = await bobContext.newPage();
      await bob.goto(`${env.server.url}/`);
      const bobId = await registerInPage(bob, bobName);
      await bob.goto(`${env.server.url}/chats`);
      await bob.getByText(t.chat.list.emptyTitle).waitFor();

      // Ann starts the chat from Bob's profile.
      await ann.goto(`${env.server.url}/users/${bobId}`);
      await ann.getByRole('button', { name: t.chat.start.message, exact: true }).click();
      await ann.waitForURL(/\/chats\/[0-9a-f-]{36}$/);
      const annComposer = ann.getByLabel(t.chat.composer.label, { exact: true });
      await annComposer.fill('Hello Bob, I liked your profile!');
      await annComposer.press('Enter');

      // Bob sees it in his list, unread, with the count in the page title, and opens it.
      const annRow = bob.getByRole('link', { name: annName });
      await annRow.waitFor();
      await bob.getByText('Hello Bob, I liked your profile!').first().waitFor();
      await expect.poll(() => bob.title()).toMatch(/^\(1\) /);
      await screenshot(bob, `${language}-phone-chat-list`);
      await annRow.click();
      await bob.locator('.thread .bubble__text', { hasText: 'Hello Bob, I liked your profile!' }).waitFor();
      await expect.poll(() => bob.title()).not.toMatch(/^\(/);

      // Bob answers; Ann sees the answer, and that Bob read her message.
      const bobComposer = bob.getByLabel(t.chat.composer.label, { exact: true });
      await bobComposer.fill('Hi Ann! Thanks, nice to meet you.');
      await bobComposer.press('Enter');
      await ann.locator('.thread .bubble__text', { hasText: 'Hi Ann! Thanks, nice to meet you.' }).waitFor();
      await ann.locator('.bubble-row__receipt', { hasText: t.chat.message.read }).waitFor();

      // A photo: Bob gets it at its stored size, so nothing jumps as it loads, and opens it full size.
      const photo = await sharp({
        create: { width: 1200, height: 800, channels: 3, background: { r: 214, g: 51, b: 95 } },
      })
        .png()
        .toBuffer();
      await ann
        .locator('input[type="file"]')
        .setInputFiles({ name: 'sunset.png', mimeType: 'image/png', buffer: photo });
      const photoAlt = t.chat.message.photoAlt.replace('{{name}}', annName);
      const received = bob.getByRole('img', { name: photoAlt });
      await received.waitFor();
      expect(await received.getAttribute('width')).toBe('1200');
      expect(await received.getAttribute('height')).toBe('800');
      await bob.getByRole('button', { name: t.chat.message.openPhoto }).click();
      const viewer = bob.getByRole('dialog', { name: t.chat.message.photoTitle });
      await viewer.getByRole('img', { name: photoAlt }).waitFor();
      await viewer.getByRole('button', { name: t.common.close }).click();

      // A voice message: our explanation first, then the consent, then the (fake) microphone.
      await ann.getByRole('button', { name: t.chat.voice.record }).click();
      await ann.getByRole('dialog', { name: t.chat.voice.consentTitle }).waitFor();
      await ann.getByRole('button', { name: t.chat.voice.consentAllow }).click();
      await ann.getByText(t.chat.voice.recording).waitFor();
      await ann.waitForTimeout(1600);
      await ann.getByRole('button', { name: t.chat.voice.stopAndSend }).click();
      const voicePlay = bob.getByRole('button', {
        name: new RegExp(t.chat.voice.play.replace('{{duration}}', '0:0\\d')),
      });
      await voicePlay.waitFor();
      expect(await bob.locator('.voice__time').last().innerText()).toMatch(/^0:0[12]$/);
      await screenshot(bob, `${language}-phone-chat-conversation`);

      // Bob's phone goes offline; Ann writes five messages meanwhile.
      await bobContext.setOffline(true);
      const bobOffline = bob.locator('.conversation').getByText(t.chat.status.reconnecting);
      await bobOffline.waitFor();
      const five = [1, 2, 3, 4, 5].map((n) => `While you were away ${n}/5`);
      for (const message of five) {
        await annComposer.fill(message);
        await annComposer.press('Enter');
      }
      // Stored by the server: every one of Ann's five shows a sent receipt, none is still on its way.
      await expect.poll(async () => (await bubbleTexts(ann)).filter((text) => five.includes(text))).toEqual(five);
      const mine = ann.locator('.bubble-row--mine');
      await expect.poll(async () => (await mine.count()) - (await mine.locator('.bubble__receipt').count())).toBe(0);
      expect((await bubbleTexts(bob)).filter((text) => five.includes(text))).toEqual([]);

      // Back online: all five, in order, once.
      await bobContext.setOffline(false);
      await bob.locator('.thread .bubble__text', { hasText: five[4] }).waitFor();
      await bob.waitForTimeout(1000);
      expect((await bubbleTexts(bob)).filter((text) => text.startsWith('While you were away'))).toEqual(five);
      expect(await bobOffline.count()).toBe(0);

      // The same conversation and list on a desktop, side by side.
      const desk = await newContext(browser, { language, viewport: 'desktop' });
      await desk.addCookies(await bobContext.cookies());
      const deskPage = await desk.newPage();
      await deskPage.setViewportSize(DESKTOP_SCREENSHOT);
      await deskPage.goto(`${env.server.url}/chats`);
      await deskPage.getByText(t.chat.pick.title, { exact: true }).waitFor();
      await screenshot(deskPage, `${language}-desktop-chat-list`);
      await deskPage.getByRole('link', { name: annName }).click();
      await deskPage.locator('.thread .bubble__text', { hasText: five[4] }).waitFor();
      await screenshot(deskPage, `${language}-desktop-chat-conversation`);

      for (const context of [annContext, bobContext, desk]) await context.close();
    });
  }
});
