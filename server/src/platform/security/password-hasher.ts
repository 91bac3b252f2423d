/**
 * Password hashing with argon2id at OWASP's settings (19 MiB, 2 passes, 1 lane). Each hash takes
 * 19 MiB and a core for tens of milliseconds, so the number running at once is capped and the
 * queue behind them is bounded: a login flood gets 503s, not an exhausted server.
 */
import { hash, verify } from '@node-rs/argon2';
import { serverBusy } from '../http/errors.js';

/** The package's default algorithm is Argon2id; a test checks the hashes say so. */
export const ARGON2_OPTIONS = {
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** Spends the effort of a verification and fails: for unknown accounts, so timing tells nothing. */
  verifyDecoy(password: string): Promise<false>;
}

/** A counting semaphore with a bounded wait queue. */
export class BoundedConcurrency {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly maxRunning: number,
    private readonly maxWaiting: number,
  ) {}

  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxRunning) {
      if (this.waiting.length >= this.maxWaiting) throw serverBusy(1);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

export class Argon2PasswordHasher implements PasswordHasher {
  private readonly gate: BoundedConcurrency;
  // Verifying against this makes a login for an unknown email cost the same as for a known one.
  private readonly decoy: Promise<string>;

  constructor(maxConcurrent: number, maxQueued: number) {
    this.gate = new BoundedConcurrency(maxConcurrent, maxQueued);
    this.decoy = hash('decoy password for unknown accounts', ARGON2_OPTIONS);
  }

  hash(password: string): Promise<string> {
    return this.gate.run(() => hash(password, ARGON2_OPTIONS));
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return this.gate.run(async () => {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    });
  }

  async verifyDecoy(password: string): Promise<false> {
    await this.verify(await this.decoy, password);
    return false;
  }
}
