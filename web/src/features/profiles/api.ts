/** Profiles: reading and editing my own, viewing someone else's, and my public page. */
import {
  MyProfileViewSchema,
  ProfileViewSchema,
  PublicationViewSchema,
  type MyProfileView,
  type ProfileView,
  type PublicationInput,
  type PublicationView,
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

export function fetchMyPublication(signal?: AbortSignal): Promise<PublicationView> {
  return requestJson('/api/v1/me/publication', PublicationViewSchema, signal ? { signal } : {});
}

/** 409 HANDLE_TAKEN or 422 (VALIDATION_FAILED, CONTACT_INFO_*) with the message under `handle`. */
export function updateMyPublication(input: PublicationInput): Promise<PublicationView> {
  return requestJson('/api/v1/me/publication', PublicationViewSchema, { method: 'PUT', body: input });
}
