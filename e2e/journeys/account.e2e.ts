/**
 * The account journey a new user takes, in English and Chinese on a phone, with screenshots:
 * register as an adult (after the age rule refuses a date one day short of 18), verify the email
 * from the outbox, sign out, sign in, grant and withdraw a consent, and revoke another session.
 */
import { fieldMessages } from '@airtalk/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newContext, screenshot } from '../support/browser.js';
import { languages, texts, useJourneyEnvironment } from '../support/journey.js';

const PASSWORD = 'kettle-violet-orbit-91';

/** "Sign out {{device}}" → "Sign out ", the part every device's button starts with. */
function prefixOf(template: string): string {
  return template.split('{{')[0] ?? template;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A date of birth that makes someone 18 tomorrow (UTC), one day short of joining. */
function oneDayShortOf18(): string {
  const now = new Date();
  const birthday = new Date(Date.UTC(now.getUTCFullYear() - 18, now.getUTCMonth(), now.getUTCDate() + 1));
  return birthday.toISOString().slice(0, 10);
}

async function fillRegistration(page: Page, t: (typeof texts)['en'], email: string, birthDate: string) {
  await page.getByLabel(t.register.email, { exact: true }).fill(email);
  await page.getByLabel(t.register.password, { exact: true }).fill(PASSWORD);
  await page.getByLabel(t.register.nickname, { exact: true }).fill('Mia');
  await page.getByLabel(t.register.birthDate, { exact: true }).fill(birthDate);
}

describe('account journey', () => {
  const env = useJourneyEnvironment();

  for (const language of languages) {
    it(`works end to end in ${language} on a phone`, async () => {
      const t = texts[language];
      const email = `mia.${language}.${Date.now()}@example.com`;
      const context = await newContext(env.browser, { language, viewport: 'phone' });
      const page = await context.newPage();

      await page.goto(`${env.server.url}/`);
      await screenshot(page, `${language}-phone-landing`);
      await page.goto(`${env.server.url}/register`);
      await expect.poll(() => page.locator('html').getAttribute('lang')).toMatch(language === 'zh' ? /^zh/ : /^en/);

      await fillRegistration(page, t, email, oneDayShortOf18());
      await page.getByLabel(new RegExp(escapeRegExp(prefixOf(t.register.policyCheckbox)))).check();
      await page.getByRole('button', { name: t.register.submit, exact: true }).click();
      await page.getByText(fieldMessages['birthDate.underage'][language]).waitFor();
      await screenshot(page, `${language}-phone-register-underage`);
      expect(await env.server.mails().then((mails) => mails.some((mail) => mail.to === email))).toBe(false);

      await page.getByLabel(t.register.birthDate, { exact: true }).fill('1996-04-12');
      await page.getByRole('button', { name: t.register.submit, exact: true }).click();
      await page.getByText(t.home.verifyTitle).waitFor();
      await screenshot(page, `${language}-phone-home-unverified`);

      const mail = (await env.server.mails()).find((candidate) => candidate.to === email);
      expect(mail?.subject).toBe(language === 'zh' ? '请验证你的 Airtalk 邮箱' : 'Verify your email for Airtalk');
      const link = mail!.links.find((candidate) => candidate.includes('/verify-email?token='))!;
      await page.goto(link);
      await page.getByText(t.verify.successTitle).waitFor();
      await screenshot(page, `${language}-phone-verified`);

      await page.goto(`${env.server.url}/`);
      await page.getByRole('button', { name: t.common.signOut, exact: true }).click();
      await page.getByRole('link', { name: t.common.signIn, exact: true }).first().waitFor();

      await page.goto(`${env.server.url}/login`);
      await page.getByLabel(t.login.email, { exact: true }).fill(email);
      await page.getByLabel(t.login.password, { exact: true }).fill(PASSWORD);
      await screenshot(page, `${language}-phone-login`);
      await page.getByRole('button', { name: t.login.submit, exact: true }).click();
      await page.getByText(t.home.greeting.replace('{{name}}', 'Mia')).waitFor();
      expect(await page.getByText(t.home.verifyTitle).count()).toBe(0);

      const privacy = page;
      await privacy.goto(`${env.server.url}/settings/privacy`);
      const location = privacy.getByRole('switch', { name: t.consents.purposes.location.label });
      await expect.poll(() => location.isChecked()).toBe(false);
      await location.click();
      await expect.poll(() => location.isChecked()).toBe(true);
      await screenshot(privacy, `${language}-phone-privacy-location-on`);
      const granted = await page.evaluate(async () => (await fetch('/api/v1/me/consents')).json());
      expect(granted.consents[0]).toMatchObject({ purpose: 'location', granted: true });
      await location.click();
      await expect.poll(() => location.isChecked()).toBe(false);
      const withdrawn = await page.evaluate(async () => (await fetch('/api/v1/me/consents')).json());
      expect(withdrawn.consents[0]).toMatchObject({ purpose: 'location', granted: false });

      const laptop = await newContext(env.browser, { language, viewport: 'desktop' });
      const laptopPage = await laptop.newPage();
      await laptopPage.goto(`${env.server.url}/login`);
      await laptopPage.getByLabel(t.login.email, { exact: true }).fill(email);
      await laptopPage.getByLabel(t.login.password, { exact: true }).fill(PASSWORD);
      await laptopPage.getByRole('button', { name: t.login.submit, exact: true }).click();
      await laptopPage.getByText(t.home.greeting.replace('{{name}}', 'Mia')).waitFor();

      await page.goto(`${env.server.url}/settings/security`);
      await page.getByText(t.sessions.thisDevice).waitFor();
      const otherDevice = page
        .getByRole('button', { name: new RegExp(`^${escapeRegExp(prefixOf(t.sessions.signOutDevice))}`) })
        .filter({ hasNotText: t.sessions.everywhere });
      await expect.poll(() => otherDevice.count()).toBe(1);
      await screenshot(page, `${language}-phone-security`);
      await otherDevice.click();
      await expect.poll(() => otherDevice.count()).toBe(0);

      const laptopMe = await laptopPage.evaluate(async () => (await fetch('/api/v1/me')).status);
      expect(laptopMe).toBe(401);
      const phoneMe = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
      expect(phoneMe).toBe(200);

      await laptop.close();
      await context.close();
    });
  }
});
