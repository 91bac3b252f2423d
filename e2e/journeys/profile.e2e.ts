/**
 * Profiles in English and Chinese on a phone: the contact-info guard refuses a disguised phone
 * number before and after submit, a saved profile is what another person sees, and blocking
 * makes the profiles unavailable to each other.
 */
import { fieldMessages } from '@airtalk/contracts';
import { describe, expect, it } from 'vitest';
import { newContext, screenshot } from '../support/browser.js';
import { registerInPage } from '../support/accounts.js';
import { languages, texts, useJourneyEnvironment } from '../support/journey.js';

describe('profile journey', () => {
  const env = useJourneyEnvironment();

  for (const language of languages) {
    it(`edits, shows and blocks in ${language} on a phone`, async () => {
      const t = texts[language];
      const miaContext = await newContext(env.browser, { language, viewport: 'phone' });
      const mia = await miaContext.newPage();
      await mia.goto(`${env.server.url}/`);
      const miaId = await registerInPage(mia, 'Mia');

      await mia.goto(`${env.server.url}/settings/profile`);
      const nickname = mia.getByLabel(t.profileEdit.nickname, { exact: true });
      await nickname.fill('Mia 壹叁捌 0013 8000');
      await mia.getByLabel(t.profileEdit.bio, { exact: true }).click();
      const phoneMessage = fieldMessages['contactInfo.phone'][language];
      await mia.getByText(phoneMessage).first().waitFor();
      await mia.getByRole('button', { name: t.profileEdit.save, exact: true }).click();
      await mia.getByText(phoneMessage).first().waitFor();
      await screenshot(mia, `${language}-phone-profile-contact-refused`);
      const serverAnswer = await mia.evaluate(async () => {
        const response = await fetch('/api/v1/me/profile', {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ nickname: 'Mia 壹叁捌 0013 8000' }),
        });
        return { status: response.status, body: (await response.json()) as { error: { code: string } } };
      });
      expect(serverAnswer.status).toBe(422);
      expect(serverAnswer.body.error.code).toBe('CONTACT_INFO_PHONE');

      await nickname.fill('Mia');
      await mia.getByLabel(t.profileEdit.bio, { exact: true }).fill('Night owl who loves dumplings and long walks.');
      await mia.getByLabel(t.profileEdit.city, { exact: true }).fill('Hangzhou');
      await mia.getByRole('button', { name: t.profileEdit.save, exact: true }).click();
      await mia.getByText(t.profileEdit.saved).first().waitFor();

      const leoContext = await newContext(env.browser, { language, viewport: 'phone' });
      const leo = await leoContext.newPage();
      await leo.goto(`${env.server.url}/`);
      const leoId = await registerInPage(leo, 'Leo');
      await leo.goto(`${env.server.url}/users/${miaId}`);
      await leo.getByText('Night owl who loves dumplings and long walks.').waitFor();
      expect(await leo.getByText('1994').count()).toBe(0);
      await screenshot(leo, `${language}-phone-profile-seen-by-other`);

      await leo.getByRole('button', { name: t.profile.block, exact: true }).click();
      await leo.getByRole('button', { name: t.blocks.confirm.replace('{{name}}', 'Mia'), exact: true }).click();
      await leo.getByRole('heading', { name: t.blocks.doneTitle.replace('{{name}}', 'Mia') }).waitFor();

      await mia.goto(`${env.server.url}/users/${leoId}`);
      await mia.getByRole('heading', { name: t.profile.unavailableTitle }).waitFor();
      await screenshot(mia, `${language}-phone-profile-unavailable`);

      await leoContext.close();
      await miaContext.close();
    });
  }
});
