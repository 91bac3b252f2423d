/**
 * A public page in English and Chinese on a phone: a photo that carries GPS is uploaded, the page is
 * published with some fields, a signed-out visitor sees exactly those fields and a photo with no
 * location in it, and the page is gone the moment it is taken down.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { hasGpsLatitude, jpegWithGps } from '../../server/test/fixtures/images.js';
import { newContext, screenshot } from '../support/browser.js';
import { languages, texts, useJourneyEnvironment } from '../support/journey.js';

describe('public page journey', () => {
  const env = useJourneyEnvironment();

  for (const language of languages) {
    it(`publishes, shows and takes down a page in ${language} on a phone`, async () => {
      const t = texts[language];
      const handle = `mia.${language}.${Date.now().toString(36)}`;
      const context = await newContext(env.browser, { language, viewport: 'phone' });
      const page = await context.newPage();
      await page.goto(`${env.server.url}/`);

      const photo = await jpegWithGps();
      expect(hasGpsLatitude((await sharp(photo).metadata()).exif)).toBe(true);
      await page.evaluate(
        async ({ handle: chosenHandle }) => {
          const json = (body: unknown) => ({
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          const policy = (await (await fetch('/api/v1/policy')).json()) as { version: string };
          await fetch('/api/v1/auth/register', {
            method: 'POST',
            ...json({
              email: `${chosenHandle}@example.com`,
              password: 'kettle-violet-orbit-91',
              nickname: 'Mia',
              birthDate: '1996-04-12',
              policyVersion: policy.version,
            }),
          });
          await fetch('/api/v1/me/profile', {
            method: 'PATCH',
            ...json({ bio: 'Night owl who loves dumplings.', city: 'Hangzhou', interests: ['food', 'hiking'] }),
          });
        },
        { handle },
      );

      await page.goto(`${env.server.url}/settings/profile`);
      await page
        .getByLabel(t.photos.add, { exact: true })
        .setInputFiles({ name: 'holiday.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByRole('button', { name: t.photos.upload, exact: true }).click();
      await page.getByText(t.photos.uploaded).first().waitFor();
      await screenshot(page, `${language}-phone-photo-uploaded`);
      const photos = await page.evaluate(
        async () => ((await (await fetch('/api/v1/me/photos')).json()) as { photos: { url: string }[] }).photos,
      );
      expect(photos).toHaveLength(1);
      const setup = { photo: photos[0]! };

      await page.goto(`${env.server.url}/settings/public-page`);
      await page.getByLabel(t.publicPage.handle, { exact: true }).fill(handle);
      for (const field of ['nickname', 'age', 'bio', 'photos'] as const) {
        await page.getByLabel(t.publicPage.fields[field], { exact: true }).check();
      }
      await page.getByRole('switch', { name: t.publicPage.publish }).click();
      await page.getByRole('button', { name: t.publicPage.save, exact: true }).click();
      await page.getByRole('link', { name: t.publicPage.view }).waitFor();
      await screenshot(page, `${language}-phone-public-page-settings`);

      const visitorContext = await newContext(env.browser, { language, viewport: 'phone' });
      const visitor = await visitorContext.newPage();
      const response = await visitor.goto(`${env.server.url}/u/${handle}`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['cache-control']).toBe('no-store');
      const text = await visitor.locator('main').innerText();
      expect(text).toContain('Mia');
      expect(text).toContain('Night owl who loves dumplings.');
      expect(text).not.toContain('Hangzhou');
      expect(await visitor.locator('meta[property="og:title"]').getAttribute('content')).toBe('Mia · Airtalk');
      const ogImage = await visitor.locator('meta[property="og:image"]').getAttribute('content');
      expect(ogImage).toContain(setup.photo.url);
      await screenshot(visitor, `${language}-phone-public-page`);

      const served = Buffer.from(await (await visitor.request.get(`${env.server.url}${setup.photo.url}`)).body());
      const metadata = await sharp(served).metadata();
      expect(metadata.format).toBe('webp');
      expect(metadata.exif).toBeUndefined();
      expect(hasGpsLatitude(metadata.exif)).toBe(false);

      await page.getByRole('switch', { name: t.publicPage.publish }).click();
      await page.getByRole('button', { name: t.publicPage.save, exact: true }).click();
      await expect.poll(async () => (await visitor.reload())?.status()).toBe(404);

      await visitorContext.close();
      await context.close();
    });
  }
});
