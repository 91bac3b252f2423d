/** Profiles: reading and editing my own, viewing someone else's, and my public page. */
import {
  MyProfileViewSchema,
  PhotoListViewSchema,
  PhotoViewSchema,
  ProfileViewSchema,
  PublicationViewSchema,
  type MyProfileView,
  type PhotoView,
  type ProfileView,
  type PublicationInput,
  type PublicationView,
  type UpdateProfileInput,
} from '@airtalk/contracts';
import { requestJson, requestVoid, uploadForm, type UploadOptions } from '../../lib';

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

export async function fetchMyPhotos(signal?: AbortSignal): Promise<PhotoView[]> {
  const list = await requestJson('/api/v1/me/photos', PhotoListViewSchema, signal ? { signal } : {});
  return list.photos;
}

/**
 * Multipart with the file under `photo` and an optional `caption`. 413, 415 and 422 carry the
 * message under `fields.photo` or `fields.caption`; aborting rejects with an AbortError.
 */
export function uploadPhoto(file: File, caption: string, options: UploadOptions = {}): Promise<PhotoView> {
  const form = new FormData();
  if (caption.trim() !== '') form.append('caption', caption.trim());
  form.append('photo', file);
  return uploadForm('/api/v1/me/photos', form, PhotoViewSchema, options);
}

export function deletePhoto(id: string): Promise<void> {
  return requestVoid(`/api/v1/me/photos/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
