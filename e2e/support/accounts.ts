/**
 * Accounts for journeys that are about something else: made through the API from inside the page,
 * as the app itself would, so the page holds the session cookie.
 */
import type { Page } from 'playwright-core';

/** Registers through the API from inside the page, as the app would, and returns the new user's id. */
export async function registerInPage(page: Page, nickname: string): Promise<string> {
  return page.evaluate(async (name) => {
    const policy = (await (await fetch('/api/v1/policy')).json()) as { version: string };
    const response = await fetch('/api/v1/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `${name.toLowerCase()}.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`,
        password: 'kettle-violet-orbit-91',
        nickname: name,
        birthDate: '1994-07-20',
        policyVersion: policy.version,
      }),
    });
    return ((await response.json()) as { id: string }).id;
  }, nickname);
}
