/**
 * The consent ledger. Nothing is granted until the user says so; what they said last counts.
 * Features that use a sensitive permission call requireConsent on the server, and register what
 * must happen at once when a consent is withdrawn (location: the stored position is deleted).
 */
import type { ConsentPurpose } from '@airtalk/contracts';
import { consentPurposes } from '@airtalk/contracts';
import type { Bus } from '../../platform/bus/bus.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/http/errors.js';
import type { ConsentEventRow } from '../../platform/db/schema.js';
import type { ConsentsStore } from './consents.store.js';

export interface Consent {
  purpose: ConsentPurpose;
  granted: boolean;
  updatedAtMs: number | null;
  policyVersion: string | null;
}

export type ConsentSource = 'settings' | 'prompt' | 'registration' | 'api';

export type WithdrawalEffect = (userId: string) => Promise<void>;

export const CONSENT_CHANGED_TOPIC = 'consents.changed';
export interface ConsentChangedEvent {
  userId: string;
  purpose: ConsentPurpose;
  granted: boolean;
}

export const consentRequired = (purpose: ConsentPurpose) =>
  new AppError(
    'CONSENT_REQUIRED',
    403,
    `This needs your consent for "${purpose}". You can grant it in Settings → Privacy.`,
    {
      purpose,
    },
  );

export const policyOutdated = () =>
  new AppError(
    'POLICY_VERSION_OUTDATED',
    409,
    'The privacy policy has changed. Accept the current version before granting a consent.',
  );

function toConsent(purpose: ConsentPurpose, row: ConsentEventRow | undefined): Consent {
  return {
    purpose,
    granted: row?.granted === 1,
    updatedAtMs: row?.created_at ?? null,
    policyVersion: row?.policy_version ?? null,
  };
}

export interface ConsentsServiceDeps {
  store: ConsentsStore;
  clock: Clock;
  bus: Bus;
  currentPolicyVersion: () => string;
  /** Whether the user accepted the policy now in force (owned by accounts). */
  hasAcceptedCurrentPolicy: (userId: string) => Promise<boolean>;
}

export class ConsentsService {
  private readonly withdrawalEffects = new Map<ConsentPurpose, WithdrawalEffect[]>();

  constructor(private readonly deps: ConsentsServiceDeps) {}

  /**
   * Registers what must happen the moment a user withdraws `purpose`. Effects must be idempotent:
   * they run on every withdrawal request, so a retry finishes what a failed attempt left.
   */
  onWithdraw(purpose: ConsentPurpose, effect: WithdrawalEffect): void {
    const effects = this.withdrawalEffects.get(purpose) ?? [];
    effects.push(effect);
    this.withdrawalEffects.set(purpose, effects);
  }

  async list(userId: string): Promise<Consent[]> {
    const rows = await this.deps.store.latestByPurpose(userId);
    const byPurpose = new Map(rows.map((row) => [row.purpose, row]));
    return consentPurposes.map((purpose) => toConsent(purpose, byPurpose.get(purpose)));
  }

  async isGranted(userId: string, purpose: ConsentPurpose): Promise<boolean> {
    const row = await this.deps.store.latestFor(userId, purpose);
    return row?.granted === 1;
  }

  /** Throws 403 CONSENT_REQUIRED unless the user's latest word on `purpose` is a grant. */
  async requireConsent(userId: string, purpose: ConsentPurpose): Promise<void> {
    if (!(await this.isGranted(userId, purpose))) throw consentRequired(purpose);
  }

  /**
   * Records a grant or a withdrawal; saying the same twice records nothing new. A withdrawal runs
   * every registered effect before this returns, each time it is asked for (effects are idempotent),
   * so "off" is true the moment the user sees it, even if an earlier attempt failed half-way.
   * A grant needs the current privacy policy to have been accepted: it is recorded under that version.
   */
  async set(userId: string, purpose: ConsentPurpose, granted: boolean, source: ConsentSource): Promise<Consent> {
    if (granted && !(await this.deps.hasAcceptedCurrentPolicy(userId))) throw policyOutdated();
    const event = {
      user_id: userId,
      purpose,
      granted: granted ? 1 : 0,
      policy_version: this.deps.currentPolicyVersion(),
      source,
      created_at: this.deps.clock.nowMs(),
    };
    const changed = await this.deps.store.appendIfChanged(event);
    if (!granted) {
      for (const effect of this.withdrawalEffects.get(purpose) ?? []) await effect(userId);
    }
    if (changed) {
      const message: ConsentChangedEvent = { userId, purpose, granted };
      await this.deps.bus.publish(CONSENT_CHANGED_TOPIC, message);
    }
    return toConsent(purpose, await this.deps.store.latestFor(userId, purpose));
  }
}
