/**
 * Profiles: read and edit my own, view someone else's. Everything others can see passes the
 * contact-info guard first; a refused attempt is counted for moderation.
 */
import { randomUUID } from 'node:crypto';
import type { Gender, PhotoView, UpdateProfileInput } from '@airtalk/contracts';
import type { Clock } from '../../platform/clock.js';
import type { PhotoRow, ProfileRow, UserRow } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { AccountsService } from '../accounts/index.js';
import type { BlocksService } from '../blocks/index.js';
import { presentPhoto, type PhotosService } from '../photos/index.js';
import { findContactInfo } from './profiles.guard.js';
import { canViewProfile } from './profiles.policy.js';
import type { ProfilesStore } from './profiles.store.js';

export interface Profile {
  userId: string;
  nickname: string;
  birthDate: string;
  bio: string;
  gender: Gender | null;
  interests: string[];
  languages: string[];
  city: string | null;
  /** In order; the first is the avatar. */
  photos: PhotoView[];
  updatedAtMs: number;
}

export interface ProfilesServiceDeps {
  store: ProfilesStore;
  accounts: AccountsService;
  blocks: BlocksService;
  photos: PhotosService;
  clock: Clock;
}

function parseList(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The same tag twice, in any case, is kept once. */
function uniqueTags(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = tag.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A profile from its parts: the account, the profile row (absent until first edited), the photos. */
function assemble(user: UserRow, row: ProfileRow | undefined, photos: PhotoRow[]): Profile {
  return {
    userId: user.id,
    nickname: user.nickname,
    birthDate: user.birth_date,
    bio: row?.bio ?? '',
    gender: (row?.gender ?? null) as Gender | null,
    interests: row ? parseList(row.interests) : [],
    languages: row ? parseList(row.languages) : [],
    city: row?.city ?? null,
    photos: photos.map(presentPhoto),
    updatedAtMs: row?.updated_at ?? user.updated_at,
  };
}

export type ProfileChangedHandler = (profile: Profile) => Promise<void>;

export class ProfilesService {
  private readonly changedHandlers: ProfileChangedHandler[] = [];

  constructor(private readonly deps: ProfilesServiceDeps) {}

  /** Features that keep a copy of profile fields (the nearby filters) register to hear of changes. */
  onChanged(handler: ProfileChangedHandler): void {
    this.changedHandlers.push(handler);
  }

  /** Several people's profiles for a list, in the order asked, in three queries; unknown ids are left out. */
  async getMany(userIds: readonly string[]): Promise<Profile[]> {
    const [users, rows, photos] = await Promise.all([
      this.deps.accounts.getUsers(userIds),
      this.deps.store.findMany(userIds),
      this.deps.photos.listForUsers(userIds),
    ]);
    const rowsById = new Map(rows.map((row) => [row.user_id, row]));
    return userIds.flatMap((userId) => {
      const user = users.get(userId);
      return user ? [assemble(user, rowsById.get(userId), photos.get(userId) ?? [])] : [];
    });
  }

  async getOwn(userId: string): Promise<Profile> {
    const user = await this.deps.accounts.getUser(userId);
    return assemble(user, await this.deps.store.find(userId), await this.deps.photos.list(userId));
  }

  async update(userId: string, input: UpdateProfileInput): Promise<Profile> {
    const finding = findContactInfo(input);
    if (finding) {
      const nowMs = this.deps.clock.nowMs();
      await this.deps.store.recordContactInfoAttempt({
        id: randomUUID(),
        user_id: userId,
        field: finding.field,
        kind: finding.kind,
        created_at: nowMs,
      });
      throw new AppError(finding.code, 422, 'Contact details cannot be shown on Airtalk.', {
        [finding.field]: finding.messageKey,
      });
    }
    const current = await this.getOwn(userId);
    const nowMs = this.deps.clock.nowMs();
    const row: ProfileRow = {
      user_id: userId,
      bio: input.bio ?? current.bio,
      gender: input.gender === undefined ? current.gender : input.gender,
      interests: JSON.stringify(input.interests ? uniqueTags(input.interests) : current.interests),
      languages: JSON.stringify(input.languages ? [...new Set(input.languages)] : current.languages),
      city: input.city === undefined ? current.city : input.city || null,
      updated_at: nowMs,
    };
    await this.deps.store.upsert(row);
    if (input.nickname !== undefined && input.nickname !== current.nickname) {
      await this.deps.accounts.changeNickname(userId, input.nickname);
    }
    const updated = await this.getOwn(userId);
    for (const handler of this.changedHandlers) await handler(updated);
    return updated;
  }

  /** Someone's profile as the viewer may see it; blocked or unknown are the same 404. */
  async view(viewerId: string, ownerId: string): Promise<Profile> {
    const mayInteract = await this.deps.blocks.canInteract(viewerId, ownerId);
    if (!canViewProfile({ viewerId, ownerId, mayInteract })) throw notFound('This profile');
    try {
      return await this.getOwn(ownerId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('This profile');
      throw error;
    }
  }
}
