import { describe, expect, it } from 'vitest';
import { Argon2PasswordHasher, BoundedConcurrency } from './password-hasher.js';

describe('BoundedConcurrency', () => {
  it('runs at most N at once, queues up to M, and refuses the rest with SERVER_BUSY', async () => {
    const gate = new BoundedConcurrency(2, 3);
    let running = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const task = () =>
      gate.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
      });
    const accepted = Array.from({ length: 5 }, task);
    await expect(task()).rejects.toMatchObject({ code: 'SERVER_BUSY', statusCode: 503 });
    expect(gate.load).toEqual({ running: 2, waiting: 3 });
    while (releases.length > 0 || running > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(accepted);
    expect(peak).toBe(2);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });
});

describe('Argon2PasswordHasher', () => {
  it('hashes with argon2id at 19 MiB, 2 passes, 1 lane, and verifies', async () => {
    const hasher = new Argon2PasswordHasher(2, 10);
    const hash = await hasher.hash('kettle-violet-orbit-91');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify(hash, 'kettle-violet-orbit-91')).toBe(true);
    expect(await hasher.verify(hash, 'kettle-violet-orbit-92')).toBe(false);
    expect(await hasher.verify('not a hash', 'x')).toBe(false);
    expect(await hasher.verifyDecoy('anything')).toBe(false);
  });
});
