/**
 * Profiles: what a person tells others about themselves, and what they chose to publish.
 */
import { z } from 'zod';
import { NicknameSchema } from './auth.js';

export const genders = ['woman', 'man', 'non_binary', 'other', 'prefer_not_to_say'] as const;
export type Gender = (typeof genders)[number];

/** Tags people pick most; anyone may add their own too. */
export const curatedInterests = [
  'music',
  'travel',
  'food',
  'cooking',
  'coffee',
  'movies',
  'series',
  'anime',
  'gaming',
  'board_games',
  'reading',
  'writing',
  'photography',
  'art',
  'design',
  'fashion',
  'dance',
  'karaoke',
  'fitness',
  'running',
  'yoga',
  'hiking',
  'cycling',
  'swimming',
  'football',
  'basketball',
  'badminton',
  'pets',
  'cats',
  'dogs',
  'tech',
  'science',
  'languages',
  'volunteering',
  'nature',
  'camping',
  'cars',
  'gardening',
  'tea',
  'nightlife',
] as const;

export const BIO_MAX_LENGTH = 500;
export const CITY_MAX_LENGTH = 60;
export const TAG_MAX_LENGTH = 24;
export const MAX_INTERESTS = 10;
export const MAX_LANGUAGES = 5;

const TagSchema = z
  .string({ error: 'field.mustBeText' })
  .trim()
  .min(1, { error: 'field.required' })
  .max(TAG_MAX_LENGTH, { error: 'field.tooLong' });

const LanguageTagSchema = z
  .string({ error: 'field.mustBeText' })
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, { error: 'field.invalid' });

export const UpdateProfileInputSchema = z.strictObject({
  nickname: NicknameSchema.optional(),
  bio: z.string({ error: 'field.mustBeText' }).trim().max(BIO_MAX_LENGTH, { error: 'field.tooLong' }).optional(),
  gender: z.enum(genders, { error: 'field.invalid' }).nullable().optional(),
  interests: z.array(TagSchema, { error: 'field.invalid' }).max(MAX_INTERESTS, { error: 'field.tooLong' }).optional(),
  languages: z
    .array(LanguageTagSchema, { error: 'field.invalid' })
    .max(MAX_LANGUAGES, { error: 'field.tooLong' })
    .optional(),
  city: z
    .string({ error: 'field.mustBeText' })
    .trim()
    .max(CITY_MAX_LENGTH, { error: 'field.tooLong' })
    .nullable()
    .optional(),
});
export type UpdateProfileInput = z.infer<typeof UpdateProfileInputSchema>;

/** My own profile, as I edit it. */
export const MyProfileViewSchema = z.object({
  userId: z.string(),
  nickname: z.string(),
  age: z.number().int(),
  bio: z.string(),
  gender: z.enum(genders).nullable(),
  interests: z.array(z.string()),
  languages: z.array(z.string()),
  city: z.string().nullable(),
  updatedAt: z.string(),
});
export type MyProfileView = z.infer<typeof MyProfileViewSchema>;

/** Someone else's profile, as a signed-in person may see it. Never the birth date, never contact details. */
export const ProfileViewSchema = z.object({
  userId: z.string(),
  nickname: z.string(),
  age: z.number().int(),
  bio: z.string(),
  gender: z.enum(genders).nullable(),
  interests: z.array(z.string()),
  languages: z.array(z.string()),
  city: z.string().nullable(),
});
export type ProfileView = z.infer<typeof ProfileViewSchema>;

/** What a person may choose to show on their public page; nothing is public until they say so. */
export const publicFields = ['nickname', 'age', 'gender', 'bio', 'interests', 'languages', 'city'] as const;
export type PublicField = (typeof publicFields)[number];

export const HandleSchema = z
  .string({ error: 'field.mustBeText' })
  .regex(/^[a-z][a-z0-9._]{2,29}$/, { error: 'handle.invalid' });

export const PublicationInputSchema = z.strictObject({
  published: z.boolean({ error: 'field.mustBeBoolean' }),
  handle: HandleSchema,
  fields: z
    .array(z.enum(publicFields, { error: 'field.invalid' }), { error: 'field.invalid' })
    .max(publicFields.length),
});
export type PublicationInput = z.infer<typeof PublicationInputSchema>;

export const PublicationViewSchema = z.object({
  published: z.boolean(),
  handle: z.string().nullable(),
  fields: z.array(z.enum(publicFields)),
  /** The page's address, while it is published. */
  url: z.string().nullable(),
});
export type PublicationView = z.infer<typeof PublicationViewSchema>;

export const HandleParamsSchema = z.strictObject({ handle: z.string().min(1).max(64) });

/** A public page: only the fields its owner chose; everything else is absent, not empty. */
export const PublicProfileViewSchema = z.object({
  handle: z.string(),
  nickname: z.string().optional(),
  age: z.number().int().optional(),
  gender: z.enum(genders).nullable().optional(),
  bio: z.string().optional(),
  interests: z.array(z.string()).optional(),
  languages: z.array(z.string()).optional(),
  city: z.string().nullable().optional(),
});
export type PublicProfileView = z.infer<typeof PublicProfileViewSchema>;
