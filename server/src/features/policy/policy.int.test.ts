/**
 * A new policy version asks every user to accept it again at their next sign-in.
 */
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/databases.js';
import { newAccount, startTestApp } from '../../../test/test-app.js';
import { defaultPolicyContentDir, loadPolicyDocuments } from './policy.service.js';

describe('policy versions', () => {
  it('a user who accepted an older version must accept the new one, and then need not', async () => {
    const documents = loadPolicyDocuments(defaultPolicyContentDir);
    const current = documents.at(-1)!;
    const database = await createTestDatabase('sqlite');
    const account = newAccount({ policyVersion: current.version });

    const release1 = await startTestApp({ existingDatabase: database, policyDocuments: documents });
    const registered = (await release1.browser().post('/api/v1/auth/register', account)).json();
    expect(registered.policy).toEqual({
      acceptedVersion: current.version,
      currentVersion: current.version,
      mustAccept: false,
    });
    await release1.close();

    const release2 = await startTestApp({
      existingDatabase: database,
      policyDocuments: [...documents, { version: '2099-01-01', texts: current.texts }],
    });
    try {
      const browser = release2.browser();
      const login = await browser.post('/api/v1/auth/login', { email: account.email, password: account.password });
      expect(login.json().policy).toEqual({
        acceptedVersion: current.version,
        currentVersion: '2099-01-01',
        mustAccept: true,
      });
      expect((await browser.get('/api/v1/policy')).json().version).toBe('2099-01-01');
      const earlyGrant = await browser.put('/api/v1/me/consents/location', { granted: true });
      expect(earlyGrant.statusCode).toBe(409);
      expect(earlyGrant.json().error.code).toBe('POLICY_VERSION_OUTDATED');
      expect((await browser.put('/api/v1/me/consents/location', { granted: false })).statusCode).toBe(200);
      const stale = await browser.post('/api/v1/me/policy-acceptance', { version: current.version });
      expect(stale.statusCode).toBe(422);
      const accepted = await browser.post('/api/v1/me/policy-acceptance', { version: '2099-01-01' });
      expect(accepted.json().policy).toMatchObject({ acceptedVersion: '2099-01-01', mustAccept: false });
      const grant = await browser.put('/api/v1/me/consents/location', { granted: true });
      expect(grant.json()).toMatchObject({ granted: true, policyVersion: '2099-01-01' });
      const exported = await release2.app.privacy.exportUser(release2.database.db, registered.id as string);
      expect(exported.policy_acceptances!.map((row) => (row as { version: string }).version).sort()).toEqual([
        current.version,
        '2099-01-01',
      ]);
      const registerOld = await release2
        .browser()
        .post('/api/v1/auth/register', newAccount({ policyVersion: current.version }));
      expect(registerOld.statusCode).toBe(422);
    } finally {
      await release2.close();
      await database.dispose();
    }
  });

  it('refuses to start without the policy', () => {
    expect(() => loadPolicyDocuments('/nonexistent')).toThrow();
  });

  it('has every version in English and Chinese, with a title', () => {
    for (const document of loadPolicyDocuments(defaultPolicyContentDir)) {
      expect(document.texts.en.title).toMatch(/Privacy/);
      expect(document.texts.zh.title).toMatch(/隐私/);
    }
  });
});
