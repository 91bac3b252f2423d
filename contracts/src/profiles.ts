/**
 * Profiles: what a person tells others about themselves, and what they chose to publish.
 */
import { z } from 'zod';
import { NicknameSchema } from './auth.js';
import type { Language } from './messages.js';
import { PhotoViewSchema } from './photos.js';

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

/** How each curated interest is called, in every language of the product. */
export const curatedInterestLabels = {
  music: { en: 'Music', zh: '音乐' },
  travel: { en: 'Travel', zh: '旅行' },
  food: { en: 'Food', zh: '美食' },
  cooking: { en: 'Cooking', zh: '烹饪' },
  coffee: { en: 'Coffee', zh: '咖啡' },
  movies: { en: 'Movies', zh: '电影' },
  series: { en: 'TV series', zh: '追剧' },
  anime: { en: 'Anime', zh: '动漫' },
  gaming: { en: 'Gaming', zh: '游戏' },
  board_games: { en: 'Board games', zh: '桌游' },
  reading: { en: 'Reading', zh: '阅读' },
  writing: { en: 'Writing', zh: '写作' },
  photography: { en: 'Photography', zh: '摄影' },
  art: { en: 'Art', zh: '艺术' },
  design: { en: 'Design', zh: '设计' },
  fashion: { en: 'Fashion', zh: '时尚穿搭' },
  dance: { en: 'Dancing', zh: '跳舞' },
  karaoke: { en: 'Karaoke', zh: 'K 歌' },
  fitness: { en: 'Fitness', zh: '健身' },
  running: { en: 'Running', zh: '跑步' },
  yoga: { en: 'Yoga', zh: '瑜伽' },
  hiking: { en: 'Hiking', zh: '徒步' },
  cycling: { en: 'Cycling', zh: '骑行' },
  swimming: { en: 'Swimming', zh: '游泳' },
  football: { en: 'Football', zh: '足球' },
  basketball: { en: 'Basketball', zh: '篮球' },
  badminton: { en: 'Badminton', zh: '羽毛球' },
  pets: { en: 'Pets', zh: '宠物' },
  cats: { en: 'Cats', zh: '猫咪' },
  dogs: { en: 'Dogs', zh: '狗狗' },
  tech: { en: 'Tech', zh: '科技' },
  science: { en: 'Science', zh: '科学' },
  languages: { en: 'Learning languages', zh: '学外语' },
  volunteering: { en: 'Volunteering', zh: '志愿服务' },
  nature: { en: 'Nature', zh: '亲近自然' },
  camping: { en: 'Camping', zh: '露营' },
  cars: { en: 'Cars', zh: '汽车' },
  gardening: { en: 'Gardening', zh: '园艺' },
  tea: { en: 'Tea', zh: '喝茶' },
  nightlife: { en: 'Nightlife', zh: '夜生活' },
} as const satisfies Record<(typeof curatedInterests)[number], Record<Language, string>>;

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
  /** In order; the first is the avatar. */
  photos: z.array(PhotoViewSchema),
});
export type ProfileView = z.infer<typeof ProfileViewSchema>;

/** My own profile, as I edit it: what others see, and when I last changed it. */
export const MyProfileViewSchema = ProfileViewSchema.extend({ updatedAt: z.string() });
export type MyProfileView = z.infer<typeof MyProfileViewSchema>;

/** What a person may choose to show on their public page; nothing is public until they say so. */
export const publicFields = ['nickname', 'age', 'gender', 'bio', 'interests', 'languages', 'city', 'photos'] as const;
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
  photos: z.array(PhotoViewSchema).optional(),
});
export type PublicProfileView = z.infer<typeof PublicProfileViewSchema>;
