/**
 * Human messages for field problems, in every language the product speaks. Schemas carry a
 * message key; the server answers in the caller's language and the web form shows the same words.
 */

export const languages = ['en', 'zh'] as const;
export type Language = (typeof languages)[number];

export const fieldMessages = {
  'field.required': { en: 'This field is required.', zh: '此项为必填项。' },
  'field.invalid': { en: 'This value is not valid.', zh: '该值无效。' },
  'field.unknown': { en: 'This field is not allowed here.', zh: '不允许提交此字段。' },
  'field.tooLong': { en: 'This is too long.', zh: '内容过长。' },
  'field.mustBeText': { en: 'This must be text.', zh: '此项必须是文本。' },
  'field.mustBeObject': { en: 'Send a JSON object.', zh: '请提交 JSON 对象。' },
  'field.mustBeBoolean': { en: 'This must be true or false.', zh: '此项必须为 true 或 false。' },
  'email.invalid': { en: 'Enter a valid email address.', zh: '请输入有效的邮箱地址。' },
  'email.taken': { en: 'An account with this email already exists.', zh: '该邮箱已注册。' },
  'password.tooShort': { en: 'Use at least 8 characters.', zh: '密码至少需要 8 个字符。' },
  'password.tooLong': { en: 'Use at most 128 characters.', zh: '密码最多 128 个字符。' },
  'password.tooWeak': {
    en: 'This password is too common or easy to guess. Try a longer phrase of unrelated words.',
    zh: '该密码过于常见或容易被猜到。请试试由几个不相关的词组成的较长短语。',
  },
  'password.wrong': { en: 'Your current password is not correct.', zh: '当前密码不正确。' },
  'nickname.length': { en: 'Use 1 to 30 characters.', zh: '请输入 1 到 30 个字符。' },
  'nickname.invalid': { en: 'Use letters, numbers and ordinary punctuation.', zh: '请使用文字、数字和常用标点。' },
  'birthDate.invalid': { en: 'Enter a real date as YYYY-MM-DD.', zh: '请按 YYYY-MM-DD 输入真实日期。' },
  'birthDate.future': { en: 'A birth date cannot be in the future.', zh: '出生日期不能晚于今天。' },
  'birthDate.tooOld': { en: 'Check the year of your birth date.', zh: '请检查出生年份。' },
  'birthDate.underage': {
    en: 'Airtalk is for adults: you must be 18 or older to join.',
    zh: 'Airtalk 仅面向成年人：年满 18 周岁才能注册。',
  },
  'policyVersion.outdated': {
    en: 'The privacy policy has changed. Read the current version and accept it.',
    zh: '隐私政策已更新，请阅读并接受最新版本。',
  },
  'handle.invalid': {
    en: 'Use 3 to 30 lowercase letters, digits, dots or underscores, starting with a letter.',
    zh: '请使用 3 到 30 个小写字母、数字、点或下划线，并以字母开头。',
  },
  'handle.taken': { en: 'This address is already taken.', zh: '该地址已被占用。' },
  'photo.tooLarge': { en: 'Photos can be up to 10 MB.', zh: '照片不能超过 10 MB。' },
  'photo.unsupportedType': {
    en: 'Use a JPEG, PNG, WebP or AVIF photo.',
    zh: '请使用 JPEG、PNG、WebP 或 AVIF 格式的照片。',
  },
  'photo.tooManyPixels': {
    en: 'This image has too many pixels. Use a smaller one.',
    zh: '图片像素过多，请换一张小一点的。',
  },
  'photo.unreadable': { en: 'This file could not be read as an image.', zh: '无法将该文件识别为图片。' },
  'photo.limit': { en: 'You can have up to 6 photos. Remove one first.', zh: '最多只能有 6 张照片，请先删除一张。' },
  'location.invalid': {
    en: 'Send a latitude and longitude in degrees, or a city from the list.',
    zh: '请提供以度为单位的纬度和经度，或从列表中选择一个城市。',
  },
  'location.unknownCity': { en: 'Pick a city from the list.', zh: '请从列表中选择城市。' },
  'chat.emptyMessage': { en: 'Write something first.', zh: '请先输入内容。' },
  'chat.voiceTooLong': { en: 'Voice messages can be up to 60 seconds.', zh: '语音消息最长 60 秒。' },
  'chat.mediaUsed': {
    en: 'This file was sent already. Upload it again to send it once more.',
    zh: '该文件已经发送过，如需再次发送请重新上传。',
  },
  'room.tooManyTags': { en: 'Use at most 5 tags.', zh: '最多 5 个标签。' },
  'room.passwordLength': { en: 'Use 4 to 32 characters.', zh: '请输入 4 到 32 个字符。' },
  'room.seatCount': { en: 'Choose 1 to 16 seats.', zh: '请选择 1 到 16 个麦位。' },
  'chat.self': { en: 'You cannot start a chat with yourself.', zh: '不能和自己聊天。' },
  'block.self': { en: 'You cannot block yourself.', zh: '不能拉黑你自己。' },
  'report.self': { en: 'You cannot report yourself.', zh: '不能举报你自己。' },
  'token.invalid': {
    en: 'This link is invalid, already used or expired.',
    zh: '该链接无效、已被使用或已过期。',
  },
  'contactInfo.phone': {
    en: "Phone numbers can't be shown on Airtalk. Remove it to keep everyone safe.",
    zh: '为了大家的安全，Airtalk 上不能展示电话号码，请删除后再提交。',
  },
  'contactInfo.email': {
    en: "Email addresses can't be shown on Airtalk. Remove it to keep everyone safe.",
    zh: '为了大家的安全，Airtalk 上不能展示邮箱地址，请删除后再提交。',
  },
  'contactInfo.qq': {
    en: "QQ numbers can't be shown on Airtalk. Remove it to keep everyone safe.",
    zh: '为了大家的安全，Airtalk 上不能展示 QQ 号，请删除后再提交。',
  },
  'contactInfo.wechat': {
    en: "WeChat IDs can't be shown on Airtalk. Remove it to keep everyone safe.",
    zh: '为了大家的安全，Airtalk 上不能展示微信号，请删除后再提交。',
  },
  'contactInfo.messenger': {
    en: "Usernames and links for other messaging apps can't be shown on Airtalk. Remove them to keep everyone safe.",
    zh: '为了大家的安全，Airtalk 上不能展示其他聊天软件的账号或链接，请删除后再提交。',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type FieldMessageKey = keyof typeof fieldMessages;

export function isFieldMessageKey(value: string): value is FieldMessageKey {
  return Object.hasOwn(fieldMessages, value);
}

/** The sentence for a message key, in the given language; unknown keys come back as they are. */
export function translateFieldMessage(key: string, language: Language): string {
  return isFieldMessageKey(key) ? fieldMessages[key][language] : key;
}

/** Picks the product language from an Accept-Language header or a browser language tag. */
export function pickLanguage(tags: string | undefined | null): Language {
  if (!tags) return 'en';
  const ranked = tags
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const quality = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag: tag.toLowerCase(), quality: quality === undefined ? 1 : Number(quality) };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
