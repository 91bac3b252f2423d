/**
 * People nearby in English and Chinese on a phone: two people a few hundred metres apart, with
 * emulated geolocation, see each other in one of the two nearest bands; a person who refuses the
 * browser's location picks a city and still sees people; a blocked person never appears; and a
 * withdrawn location consent takes someone off the other's list at once.
 */
import { cities, distanceBandLabels } from '@airtalk/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { registerInPage } from '../support/accounts.js';
import { newContext, screenshot } from '../support/browser.js';
import { languages, texts, useJourneyEnvironment } from '../support/journey.js';

/** Each language meets in its own city, so the two runs never see each other's people. */
const meetingCity = { en: 'shanghai', zh: 'beijing' } as const;

/** A point `metresNorth` north of a city centre. */
function near(cityId: keyof typeof cities, metresNorth: number): { latitude: number; longitude: number } {
  const city = cities[cityId];
  return { latitude: city.lat + metresNorth / 111_320, longitude: city.lng };
}

/** A person's card in the grid (the recommendations strip above it links to the same people). */
function personCard(page: Page, language: 'en' | 'zh', nickname: string) {
  return page
    .getByRole('region', { name: texts[language].nearby.results.heading })
    .getByRole('link', { name: new RegExp(`^${nickname}\\b`) });
}

describe('nearby journey', () => {
  const env = useJourneyEnvironment();

  for (const language of languages) {
    it(`finds people nearby, by device and by city, in ${language} on a phone`, async () => {
      const t = texts[language];
      const cityId = meetingCity[language];
      const nearestBands = [distanceBandLabels.lt1km[language], distanceBandLabels['1to5km'][language]];
      const suffix = language.toUpperCase();

      async function personAt(nickname: string, metresNorth: number | null) {
        const context = await newContext(env.browser, {
          language,
          viewport: 'phone',
          ...(metresNorth === null ? {} : { geolocation: near(cityId, metresNorth), allowLocation: true }),
        });
        const page = await context.newPage();
        await page.goto(`${env.server.url}/`);
        const id = await registerInPage(page, nickname);
        await page.goto(`${env.server.url}/nearby`);
        return { context, page, id };
      }

      const ann = await personAt(`Ann${suffix}`, 0);
      await ann.page.getByText(t.nearby.setup.area).waitFor();
      await screenshot(ann.page, `${language}-phone-nearby-explanation`);
      await ann.page.getByRole('button', { name: t.nearby.setup.useLocation, exact: true }).click();
      await ann.page.getByText(t.nearby.results.emptyTitle).waitFor();

      const bob = await personAt(`Bob${suffix}`, 350);
      await bob.page.getByRole('button', { name: t.nearby.setup.useLocation, exact: true }).click();
      const annSeenByBob = personCard(bob.page, language, `Ann${suffix}`);
      await annSeenByBob.waitFor();
      const bandText = await annSeenByBob.innerText();
      expect(
        nearestBands.some((band) => bandText.includes(band)),
        bandText,
      ).toBe(true);
      await screenshot(bob.page, `${language}-phone-nearby-list`);

      await ann.page.reload();
      await personCard(ann.page, language, `Bob${suffix}`).waitFor();

      // Cat says no to the browser's prompt, and picks the city instead.
      const cat = await personAt(`Cat${suffix}`, null);
      await cat.page.getByRole('button', { name: t.nearby.setup.useLocation, exact: true }).click();
      await cat.page.getByText(t.nearby.setup.deviceFailed.denied).waitFor();
      await screenshot(cat.page, `${language}-phone-nearby-location-denied`);
      const citySelect = cat.page.getByLabel(t.nearby.setup.city, { exact: true });
      if (!(await citySelect.isVisible())) {
        await cat.page.getByRole('button', { name: t.nearby.setup.pickCity, exact: true }).click();
      }
      await citySelect.selectOption(cityId);
      await cat.page.getByRole('button', { name: t.nearby.setup.useCity, exact: true }).click();
      await personCard(cat.page, language, `Ann${suffix}`).waitFor();
      await personCard(cat.page, language, `Bob${suffix}`).waitFor();
      await screenshot(cat.page, `${language}-phone-nearby-by-city`);

      // Ann blocks Cat: neither appears to the other again.
      const blocked = await ann.page.evaluate(
        async (catId) => (await fetch(`/api/v1/blocks/${catId}`, { method: 'POST' })).status,
        cat.id,
      );
      expect(blocked).toBe(204);
      await ann.page.reload();
      await personCard(ann.page, language, `Bob${suffix}`).waitFor();
      expect(await personCard(ann.page, language, `Cat${suffix}`).count()).toBe(0);
      await cat.page.reload();
      await personCard(cat.page, language, `Bob${suffix}`).waitFor();
      expect(await personCard(cat.page, language, `Ann${suffix}`).count()).toBe(0);

      // Ann withdraws the location consent in her privacy settings: Bob no longer sees her.
      await ann.page.goto(`${env.server.url}/settings/privacy`);
      const locationSwitch = ann.page.getByRole('switch', { name: t.consents.purposes.location.label });
      await expect.poll(() => locationSwitch.isChecked()).toBe(true);
      await locationSwitch.click();
      await expect.poll(() => locationSwitch.isChecked()).toBe(false);
      await bob.page.reload();
      await personCard(bob.page, language, `Cat${suffix}`).waitFor();
      expect(await personCard(bob.page, language, `Ann${suffix}`).count()).toBe(0);
      await ann.page.goto(`${env.server.url}/nearby`);
      await ann.page.getByText(t.nearby.setup.area).waitFor();

      const desk = await newContext(env.browser, { language, viewport: 'desktop' });
      const deskPage = await desk.newPage();
      await deskPage.context().addCookies(await bob.context.cookies());
      await deskPage.goto(`${env.server.url}/nearby`);
      await personCard(deskPage, language, `Cat${suffix}`).waitFor();
      await screenshot(deskPage, `${language}-desktop-nearby-list`);

      for (const context of [ann.context, bob.context, cat.context, desk]) await context.close();
    });
  }
});
