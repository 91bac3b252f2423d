/**
 * Reports: anyone signed in can report a person or what they posted; reports wait for moderators.
 * A report that someone may be a minor is urgent, because the product is for adults only.
 */
import { randomUUID } from 'node:crypto';
import type { CreateReportInput } from '@airtalk/contracts';
import type { Clock } from '../../platform/clock.js';
import type { ReportRow } from '../../platform/db/schema.js';
import { notFound, validationFailed } from '../../platform/http/errors.js';
import type { Limiter } from '../../platform/security/rate-limiter.js';
import type { ReportsStore } from './reports.store.js';

export interface ReportsServiceDeps {
  store: ReportsStore;
  clock: Clock;
  /** Per reporter, so reports cannot be used to flood the moderators. */
  limiter: Limiter;
  /** Owned by accounts. */
  userExists: (userId: string) => Promise<boolean>;
}

/** Open reports from this many different people put an account under review. */
export const REVIEW_REPORTER_THRESHOLD = 3;

export type ReviewStartedHandler = (userId: string) => Promise<void>;

/** Kinds whose target is a person, so the report can name whom it is about. */
const PERSON_TARGETS = new Set<CreateReportInput['targetKind']>(['user', 'profile']);

export class ReportsService {
  private readonly reviewStartedHandlers: ReviewStartedHandler[] = [];

  constructor(private readonly deps: ReportsServiceDeps) {}

  /**
   * Features register what an account under review loses at once (for example, being listed to
   * people nearby); it runs when a report puts the account under review.
   */
  onReviewStarted(handler: ReviewStartedHandler): void {
    this.reviewStartedHandlers.push(handler);
  }

  /**
   * Under review until a moderator closes the reports: any open urgent report (a possible minor),
   * or open reports from several different people.
   */
  async isUnderReview(userId: string): Promise<boolean> {
    const open = await this.deps.store.openAbout(userId);
    return open.urgent || open.reporters >= REVIEW_REPORTER_THRESHOLD;
  }

  async report(reporterId: string, input: CreateReportInput): Promise<ReportRow> {
    await this.deps.limiter.consume(reporterId);
    // Photos, messages and rooms arrive with their features; until then no such target exists.
    if (!PERSON_TARGETS.has(input.targetKind)) throw notFound('The reported item');
    if (input.targetId === reporterId) throw validationFailed({ targetId: 'report.self' });
    if (!(await this.deps.userExists(input.targetId))) throw notFound('The reported person');
    const row: ReportRow = {
      id: randomUUID(),
      reporter_id: reporterId,
      target_kind: input.targetKind,
      target_id: input.targetId,
      target_user_id: input.targetId,
      reason: input.reason,
      details: input.details ? input.details : null,
      urgent: input.reason === 'possible_minor' ? 1 : 0,
      status: 'open',
      created_at: this.deps.clock.nowMs(),
    };
    await this.deps.store.insert(row);
    if (row.target_user_id && (await this.isUnderReview(row.target_user_id))) {
      for (const handler of this.reviewStartedHandlers) await handler(row.target_user_id);
    }
    return row;
  }
}
