/** Profiles: reading and editing my own, and viewing someone else's. */
import {
  MyProfileViewSchema,
  ProfileViewSchema,
  type MyProfileView,
  type ProfileView,
  type UpdateProfileInput,
} from '@airtalk/contracts';
import { requestJson } from '../../lib';

export function fetchMyProfile(signal?: AbortSignal): Promise<MyProfileView> {
  return requestJson('/api/v1/me/profile', MyProfileViewSchema, signal ? { signal } : {});
}

export function updateMyProfile(input: UpdateProfileInput): Promise<MyProfileView> {
  return requestJson('/api/v1/me/profile', MyProfileViewSchema, { method: 'PATCH', body: input });
}

/** 404 when there is no such person, or when a block stands between us: the two look the same. */
export function fetchProfile(userId: string, signal?: AbortSignal): Promise<ProfileView> {
  return requestJson(
    `/api/v1/users/${encodeURIComponent(userId)}/profile`,
    ProfileViewSchema,
    signal ? { signal } : {},
  );
}
