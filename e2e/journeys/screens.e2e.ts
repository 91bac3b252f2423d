/**
 * Every screen of the account area on a desktop, in both languages, saved to e2e/screenshots/
 * for people to look at; each page must render its heading without a console error.
 */
import { describe, expect, it } from 'vitest';
import { newContext, screenshot } from '../support/browser.js';
import { languages, texts, useJourneyEnvironment } from '../support/journey.js';

describe('screens on a desktop', () => {
  const env = useJourneyEnvironment();

  for (const language of languages) {
    it(`renders every account screen in ${language}`, async () => {
      const t = texts[language];
      const context = await newContext(env.browser, { language, viewport: 'desktop' });
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });

      const signedOutPages: [string, string][] = [
        ['/', t.landing.title],
        ['/register', t.register.title],
        ['/login', t.login.title],
        ['/forgot-password', t.forgot.title],
        ['/policy', t.policy.title],
        ['/no-such-page', t.notFound.title],
      ];
      for (const [path, heading] of signedOutPages) {
        await page.goto(`${env.server.url}${path}`);
        await page.getByRole('heading', { name: heading }).first().waitFor();
        await screenshot(page, `${language}-desktop${path === '/' ? '-landing' : path.replaceAll('/', '-')}`);
      }

      const registered = await page.evaluate(
        async ({ email }) => {
          const policy = (await (await fetch('/api/v1/policy')).json()) as { version: string };
          const response = await fetch('/api/v1/auth/register', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              email,
              password: 'kettle-violet-orbit-91',
              nickname: 'Lin',
              birthDate: '1992-08-08',
              policyVersion: policy.version,
            }),
          });
          return response.status;
        },
        { email: `lin.${language}.${Date.now()}@example.com` },
      );
      expect(registered).toBe(201);

      const signedInPages: [string, string][] = [
        ['/', t.home.greeting.replace('{{name}}', 'Lin')],
        ['/settings', t.settings.title],
        ['/settings/security', t.sessions.title],
        ['/settings/privacy', t.consents.title],
      ];
      for (const [path, heading] of signedInPages) {
        await page.goto(`${env.server.url}${path}`);
        await page.getByRole('heading', { name: heading }).first().waitFor();
        await screenshot(page, `${language}-desktop${path === '/' ? '-home' : path.replaceAll('/', '-')}`);
      }
      expect(consoleErrors.filter((text) => !text.includes('401'))).toEqual([]);
      await context.close();
    });
  }
});
