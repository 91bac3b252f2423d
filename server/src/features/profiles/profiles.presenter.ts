/**
 * Profiles as they leave the server: my own for editing, someone else's for viewing. The birth
 * date never leaves; only the age computed from it.
 */
import { ageOn, parseCalendarDate, utcCalendarDate, type MyProfileView, type ProfileView } from '@airtalk/contracts';
import type { Profile } from './profiles.service.js';

export function ageOf(birthDate: string, nowMs: number): number {
  const birth = parseCalendarDate(birthDate);
  return birth ? ageOn(birth, utcCalendarDate(new Date(nowMs))) : 0;
}

export function presentProfile(profile: Profile, nowMs: number): ProfileView {
  return {
    userId: profile.userId,
    nickname: profile.nickname,
    age: ageOf(profile.birthDate, nowMs),
    bio: profile.bio,
    gender: profile.gender,
    interests: profile.interests,
    languages: profile.languages,
    city: profile.city,
    photos: profile.photos,
  };
}

export function presentMyProfile(profile: Profile, nowMs: number): MyProfileView {
  return { ...presentProfile(profile, nowMs), updatedAt: new Date(profile.updatedAtMs).toISOString() };
}
