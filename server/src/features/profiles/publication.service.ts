/**
 * Public pages. Nothing is public until the person publishes, and then only the fields they chose;
 * unpublishing takes effect at once (the page and the API answer 404 from the next request on).
 */
import {
  detectContactInfo,
  publicFields,
  type PublicationInput,
  type PublicationView,
  type PublicField,
  type PublicProfileView,
} from '@airtalk/contracts';
import type { Clock } from '../../platform/clock.js';
import type { PublicationRow } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { presentProfile } from './profiles.presenter.js';
import type { ProfilesService } from './profiles.service.js';
import { HandleTakenError, type ProfilesStore } from './profiles.store.js';

export interface PublicationServiceDeps {
  store: ProfilesStore;
  profiles: ProfilesService;
  clock: Clock;
  publicUrl: string;
}

export const handleTaken = () =>
  new AppError('HANDLE_TAKEN', 409, 'This address is already taken.', { handle: 'handle.taken' });

function parseFields(json: string): PublicField[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? publicFields.filter((field) => value.includes(field)) : [];
}

export class PublicationService {
  constructor(private readonly deps: PublicationServiceDeps) {}

  private view(row: PublicationRow | undefined): PublicationView {
    if (!row) return { published: false, handle: null, fields: [], url: null };
    const published = row.published === 1;
    return {
      published,
      handle: row.handle,
      fields: parseFields(row.fields),
      url: published ? `${this.deps.publicUrl}/u/${row.handle}` : null,
    };
  }

  async get(userId: string): Promise<PublicationView> {
    return this.view(await this.deps.store.findPublication(userId));
  }

  async set(userId: string, input: PublicationInput): Promise<PublicationView> {
    const finding = detectContactInfo(input.handle);
    if (finding) {
      throw new AppError(finding.code, 422, 'Contact details cannot be shown on Airtalk.', {
        handle: finding.messageKey,
      });
    }
    const row: PublicationRow = {
      user_id: userId,
      handle: input.handle,
      published: input.published ? 1 : 0,
      fields: JSON.stringify(publicFields.filter((field) => input.fields.includes(field))),
      updated_at: this.deps.clock.nowMs(),
    };
    try {
      await this.deps.store.savePublication(row);
    } catch (error) {
      if (error instanceof HandleTakenError) throw handleTaken();
      throw error;
    }
    return this.view(row);
  }

  /** The page anyone on the internet may read, or 404 when there is none (never published, or taken down). */
  async publicProfile(handle: string): Promise<PublicProfileView> {
    const row = await this.deps.store.findPublicationByHandle(handle);
    if (row?.published !== 1) throw notFound('This page');
    const full = presentProfile(await this.deps.profiles.getOwn(row.user_id), this.deps.clock.nowMs());
    const chosen = new Set(parseFields(row.fields));
    const view: PublicProfileView = { handle: row.handle };
    if (chosen.has('nickname')) view.nickname = full.nickname;
    if (chosen.has('age')) view.age = full.age;
    if (chosen.has('gender')) view.gender = full.gender;
    if (chosen.has('bio')) view.bio = full.bio;
    if (chosen.has('interests')) view.interests = full.interests;
    if (chosen.has('languages')) view.languages = full.languages;
    if (chosen.has('city')) view.city = full.city;
    if (chosen.has('photos')) view.photos = full.photos;
    return view;
  }
}
