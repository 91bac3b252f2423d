/**
 * People nearby: where a person says they are, whom they may see, and how far away others are,
 * told only as a distance band. Coordinates go in; nothing that locates anyone comes out.
 */
import { z } from 'zod';
import { genders } from './profiles.js';
import type { Language } from './messages.js';

/** Distance bands, nearest first. Distances are measured between coarse cells, never points. */
export const distanceBands = ['lt1km', '1to5km', '5to10km', '10to50km', '50km_plus'] as const;
export type DistanceBand = (typeof distanceBands)[number];
export const DistanceBandSchema = z.enum(distanceBands, { error: 'field.invalid' });

export const distanceBandLabels = {
  lt1km: { en: '< 1 km', zh: '1 公里内' },
  '1to5km': { en: '1–5 km', zh: '1–5 公里' },
  '5to10km': { en: '5–10 km', zh: '5–10 公里' },
  '10to50km': { en: '10–50 km', zh: '10–50 公里' },
  '50km_plus': { en: '50+ km', zh: '50 公里以上' },
} as const satisfies Record<DistanceBand, Record<Language, string>>;

/** Cities a person can pick instead of sharing their device's location. */
export const cities = {
  beijing: { en: 'Beijing', zh: '北京', lat: 39.9042, lng: 116.4074 },
  shanghai: { en: 'Shanghai', zh: '上海', lat: 31.2304, lng: 121.4737 },
  guangzhou: { en: 'Guangzhou', zh: '广州', lat: 23.1291, lng: 113.2644 },
  shenzhen: { en: 'Shenzhen', zh: '深圳', lat: 22.5431, lng: 114.0579 },
  chengdu: { en: 'Chengdu', zh: '成都', lat: 30.5728, lng: 104.0668 },
  chongqing: { en: 'Chongqing', zh: '重庆', lat: 29.563, lng: 106.5516 },
  hangzhou: { en: 'Hangzhou', zh: '杭州', lat: 30.2741, lng: 120.1551 },
  wuhan: { en: 'Wuhan', zh: '武汉', lat: 30.5928, lng: 114.3055 },
  xian: { en: "Xi'an", zh: '西安', lat: 34.3416, lng: 108.9398 },
  nanjing: { en: 'Nanjing', zh: '南京', lat: 32.0603, lng: 118.7969 },
  tianjin: { en: 'Tianjin', zh: '天津', lat: 39.3434, lng: 117.3616 },
  suzhou: { en: 'Suzhou', zh: '苏州', lat: 31.2989, lng: 120.5853 },
  changsha: { en: 'Changsha', zh: '长沙', lat: 28.2282, lng: 112.9388 },
  qingdao: { en: 'Qingdao', zh: '青岛', lat: 36.0671, lng: 120.3826 },
  xiamen: { en: 'Xiamen', zh: '厦门', lat: 24.4798, lng: 118.0894 },
  kunming: { en: 'Kunming', zh: '昆明', lat: 24.8801, lng: 102.8329 },
  hong_kong: { en: 'Hong Kong', zh: '香港', lat: 22.3193, lng: 114.1694 },
  taipei: { en: 'Taipei', zh: '台北', lat: 25.033, lng: 121.5654 },
  singapore: { en: 'Singapore', zh: '新加坡', lat: 1.3521, lng: 103.8198 },
  tokyo: { en: 'Tokyo', zh: '东京', lat: 35.6762, lng: 139.6503 },
  seoul: { en: 'Seoul', zh: '首尔', lat: 37.5665, lng: 126.978 },
  bangkok: { en: 'Bangkok', zh: '曼谷', lat: 13.7563, lng: 100.5018 },
  kuala_lumpur: { en: 'Kuala Lumpur', zh: '吉隆坡', lat: 3.139, lng: 101.6869 },
  sydney: { en: 'Sydney', zh: '悉尼', lat: -33.8688, lng: 151.2093 },
  london: { en: 'London', zh: '伦敦', lat: 51.5072, lng: -0.1276 },
  paris: { en: 'Paris', zh: '巴黎', lat: 48.8566, lng: 2.3522 },
  berlin: { en: 'Berlin', zh: '柏林', lat: 52.52, lng: 13.405 },
  new_york: { en: 'New York', zh: '纽约', lat: 40.7128, lng: -74.006 },
  los_angeles: { en: 'Los Angeles', zh: '洛杉矶', lat: 34.0522, lng: -118.2437 },
  vancouver: { en: 'Vancouver', zh: '温哥华', lat: 49.2827, lng: -123.1207 },
} as const satisfies Record<string, Record<Language, string> & { lat: number; lng: number }>;
export type CityId = keyof typeof cities;
export const cityIds = Object.keys(cities) as CityId[];

export const PutLocationInputSchema = z.union(
  [
    z.strictObject({
      lat: z.number({ error: 'location.invalid' }).min(-90, { error: 'location.invalid' }).max(90, {
        error: 'location.invalid',
      }),
      lng: z.number({ error: 'location.invalid' }).min(-180, { error: 'location.invalid' }).max(180, {
        error: 'location.invalid',
      }),
    }),
    z.strictObject({ cityId: z.enum(cityIds as [CityId, ...CityId[]], { error: 'location.unknownCity' }) }),
  ],
  { error: 'location.invalid' },
);
export type PutLocationInput = z.infer<typeof PutLocationInputSchema>;

/** What I have shared: whether a location is stored, from where, and when. Never where. */
export const MyLocationViewSchema = z.object({
  shared: z.boolean(),
  source: z.enum(['device', 'city']).nullable(),
  cityId: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type MyLocationView = z.infer<typeof MyLocationViewSchema>;

export const NearbySettingsSchema = z.strictObject({
  /** Others can find me in their nearby list (and I can see theirs: it works both ways). */
  showInNearby: z.boolean({ error: 'field.mustBeBoolean' }),
  /** Others see that I am in their area, not which band I am in. */
  hideDistance: z.boolean({ error: 'field.mustBeBoolean' }),
});
export type NearbySettings = z.infer<typeof NearbySettingsSchema>;
export const NearbySettingsPatchSchema = NearbySettingsSchema.partial();
export type NearbySettingsPatch = z.infer<typeof NearbySettingsPatchSchema>;

export const NEARBY_PAGE_SIZE = 50;
export const NEARBY_AGE_MIN = 18;
export const NEARBY_AGE_MAX = 99;

const booleanQuery = z
  .enum(['true', 'false', '1', '0'], { error: 'field.mustBeBoolean' })
  .transform((value) => value === 'true' || value === '1');
const ageQuery = z.coerce
  .number({ error: 'field.invalid' })
  .int({ error: 'field.invalid' })
  .min(NEARBY_AGE_MIN, { error: 'field.invalid' })
  .max(NEARBY_AGE_MAX, { error: 'field.invalid' });

export const NearbyQuerySchema = z
  .strictObject({
    maxBand: DistanceBandSchema.optional(),
    ageMin: ageQuery.optional(),
    ageMax: ageQuery.optional(),
    gender: z.enum(genders, { error: 'field.invalid' }).optional(),
    onlineOnly: booleanQuery.optional(),
    interest: z.string().trim().min(1, { error: 'field.invalid' }).max(24, { error: 'field.tooLong' }).optional(),
    limit: z.coerce
      .number({ error: 'field.invalid' })
      .int({ error: 'field.invalid' })
      .min(1, { error: 'field.invalid' })
      .max(NEARBY_PAGE_SIZE, { error: 'field.invalid' })
      .optional(),
    cursor: z.string().max(200, { error: 'field.invalid' }).optional(),
  })
  .refine((query) => query.ageMin === undefined || query.ageMax === undefined || query.ageMin <= query.ageMax, {
    error: 'field.invalid',
    path: ['ageMax'],
  });
export type NearbyQuery = z.infer<typeof NearbyQuerySchema>;

/** A person in my nearby list. `band` is null when they hide their distance: they are in my area. */
export const NearbyPersonViewSchema = z.object({
  userId: z.string(),
  nickname: z.string(),
  age: z.number().int(),
  gender: z.enum(genders).nullable(),
  avatarUrl: z.string().nullable(),
  band: DistanceBandSchema.nullable(),
  sharedInterests: z.array(z.string()),
  online: z.boolean(),
});
export type NearbyPersonView = z.infer<typeof NearbyPersonViewSchema>;

export const NearbyPageViewSchema = z.object({
  people: z.array(NearbyPersonViewSchema),
  nextCursor: z.string().nullable(),
});
export type NearbyPageView = z.infer<typeof NearbyPageViewSchema>;

/** Why a recommendation was made; the web app words each reason in the reader's language. */
export const RecommendationReasonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sharedInterests'), count: z.number().int(), interests: z.array(z.string()) }),
  z.object({ kind: z.literal('sharedLanguages'), count: z.number().int(), languages: z.array(z.string()) }),
  z.object({ kind: z.literal('distance'), band: DistanceBandSchema }),
  z.object({ kind: z.literal('inYourArea') }),
  z.object({ kind: z.literal('recentlyActive') }),
]);
export type RecommendationReason = z.infer<typeof RecommendationReasonSchema>;

export const RecommendationViewSchema = NearbyPersonViewSchema.extend({
  reasons: z.array(RecommendationReasonSchema),
});
export type RecommendationView = z.infer<typeof RecommendationViewSchema>;

export const RecommendationListViewSchema = z.object({ recommendations: z.array(RecommendationViewSchema) });
export type RecommendationListView = z.infer<typeof RecommendationListViewSchema>;
