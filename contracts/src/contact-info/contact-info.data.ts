/**
 * Everything the contact-info detector knows, as data: how text is normalised and which patterns
 * count as contact details. A new trick seen in the wild is a new line here, not new code.
 *
 * Views (normalise.ts): `text` is NFKD without marks, then NFC, lower case, non-ASCII symbols and
 * emoji as spaces (except those named below), look-alike letters mapped, keywords joined back
 * together ("微 ❤ 信" → "微信") and spelled symbols written ("下划线" → "_"). `digits` also turns
 * every way of writing a digit into 0-9 and writes each run of digit groups as digits joined by
 * `_` at the group boundaries ("138 加 一二三四" → "138_1234"). `dashed` is `digits` with "一"
 * between digits read as a dash. `squeezed` is `text` with spaced-out single characters joined.
 *
 * Pattern sources are regular expressions (flags `gu`) over a view, with `{name}` placeholders
 * filled from `fragments` (regex text, may hold placeholders), `words` and `keywords` (lists,
 * matched whole: a Latin word never matches inside a longer Latin word; a `.` in a word may be
 * spelled). A match whose number (named group `n`, else the whole match) meets one of the
 * pattern's vetoes is not a finding. The first pattern, in order, with a finding names its kind.
 */
export const contactInfoKinds = ['phone', 'email', 'qq', 'wechat', 'messenger'] as const;
export type ContactInfoKind = (typeof contactInfoKinds)[number];
export const contactViewNames = ['text', 'digits', 'dashed', 'squeezed'] as const;
export type ContactView = (typeof contactViewNames)[number];

/** Lines split at runs of spaces, without blank lines and `#` comment lines. */
function rows(block: string): string[][] {
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(/\s+/));
}

/** `name item item …` lines; a name may continue on the next line. */
function lists(block: string): Readonly<Record<string, readonly string[]>> {
  const result: Record<string, string[]> = {};
  for (const [name = '', ...items] of rows(block)) (result[name.replace(/:$/, '')] ??= []).push(...items);
  return result;
}

/** `key value key value …` pairs on each line. */
function characterTable(block: string): Readonly<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const row of rows(block)) {
    for (let index = 0; index + 1 < row.length; index += 2) result[row[index] ?? ''] = row[index + 1] ?? '';
  }
  return result;
}

/** Characters mapped in every view: look-alike Cyrillic and Greek letters, digits of other scripts. */
export const lookAlikeCharacters = characterTable(String.raw`
  a аα   b ь   c сϲ   d ԁ   e еε   h һ   i іιı   j ј   k κ   n η   o оο   p рρ   q ԛ   s ѕ   t τ   u υ
  v ν    w ԝω  x хχ   y уγ  -  ㄧ
  0 ⓿٠۰०০๐   1 ❶➀➊⓵〡١۱१১๑   2 ❷➁➋⓶〢٢۲२২๒   3 ❸➂➌⓷〣٣۳३৩๓   4 ❹➃➍⓸〤٤۴४৪๔
  5 ❺➄➎⓹〥٥۵५৫๕   6 ❻➅➏⓺〦٦۶६৬๖   7 ❼➆➐⓻〧٧۷७৭๗   8 ❽➇➑⓼〨٨۸८৮๘   9 ❾➈➒⓽〩٩۹९৯๙   10 ❿➉➓⓾
`);

/** Chinese digits, everyday, financial and spoken (幺 = 1, 两 = 2): always digits in `digits`. */
export const numeralCharacters = characterTable(String.raw`
  0 零〇○◯  1 一壹幺  2 二贰貳两兩  3 三叁參叄  4 四肆  5 五伍  6 六陆陸  7 七柒  8 八捌  9 九玖
`);

/**
 * Letters that stand for a digit only among digits ("l38", "183-oooo-1234", "洞洞拐"): a run
 * becomes digits when no letter of its script touches it and a digit touches it, or, for a run of
 * one repeated character, is at most two separators away.
 */
export const contextualDigits = characterTable(String.raw`0 o洞  1 li丨  7 拐  9 勾`);

/** Numerals people also use as a dash ("138一1234一5678"): the `dashed` view reads them so. */
export const numeralDashes = '一';

/** Symbols spelled out in words, written as the symbol in every view ("lily 下划线 520"). */
export const spelledSymbols = lists(String.raw`
  _  下划线 下滑线 下横线 underscore
  -  中划线 减号
`);

/** Digits spelled as English words, read as digits in `digits`. */
export const digitWords = characterTable(String.raw`
  0 zero   1 one   2 two   3 three   4 four   5 five   6 six   7 seven   8 eight   9 nine
`);

/** Digit groups apart by at most this many separators or filler words form one run. */
export const maxGroupGap = 6;

/** One separator in a view: a space, ASCII punctuation or `。` (other symbols are spaces by then). */
export const separatorClass = String.raw`[\s!-\/:-?\[-\x60{-~。]`;
/** Between digit groups: not `:` (times, scores) nor currency or `%` (prices), see `runBreakers`. */
export const groupSeparatorClass = String.raw`[\s!-#&-\/;-?\[-\x60{-~。]`;
/** Between the letters of a keyword: "微 信", "q.q", "w-x". */
export const keywordFlex = String.raw`[ \t!-\/:-@\[-\x60{-~。]{0,2}`;

export const words = lists(String.raw`
  # Words people put between digit groups instead of a dash: "138 加 1234 加 5678".
  fillers:     加 和 跟 接 接着 再 然后 后面 是 空格 横杠 杠 横 and then plus dash
  # Symbols that start or end a number: kept in the views, never joining digit groups.
  runBreakers: $ % ¥ € £ ₩ ₹
  # Words that may stand between a keyword and its value: "QQ号码是：", "add me on".
  connectors:  号码 号 码 账号 帐号 账户 是 为 的 我 加 私 私聊 私信 群 搜 搜索 联系 找 留 请 一下 同 同号 同名 就是
  connectors:  在 用 添加 好友 呢 哦 啊 吧 直接 可以 备注 都 也 多少 아이디 is my me no num number add at on
  connectors:  handle user username name here via live:
  # Words that introduce a value outright, and the ones strong enough for a plain-word handle.
  explicit:    : = 号码 号 账号 帐号 是 id username user 아이디 🆔 👉 ➡ → ⇒ 👇 ⬇
  explicitId:  号码 号 账号 帐号 id username user 아이디 🆔
  # Between a value and the keyword after it: "lily_520 (wx)", "lily_520 是我的微信".
  reverseLinks: ( [ < ← ⬅ = : 是我的 是
  # A unit after a number makes it a quantity, not an account: "QQ 2008 年", "微信运动 20000 步".
  units:       岁 年 月 日 天 周 元 块 米 厘米 斤 公斤 级 分 个 只 次 首 步 人 位 楼 室 层 栋 条 张 篇 本 万 千 百 亿
  units:       粉 赞 % cm mm kg km lb lbs k w steps years yrs followers likes pts
  # Plain words after "WeChat:" or "Line ID" from people who decline to give one.
  stopwords:   private secret sorry nope never rarely later hidden unavailable available request inbox message
  stopwords:   please only closed blocked deleted banned friends family ask none nothing notyet
  # Tencent products named "QQ …" that are not an account.
  qqProducts:  飞车 音乐 空间 游戏 堂 糖 弹 星 会员 钱包 币 浏览器 秀
  emailProviders:     gmail googlemail qq foxmail hotmail outlook yahoo icloud protonmail sina sohu yandex naver
  # Mail domains that are also ordinary numbers or words: only with a top-level domain.
  numericMailDomains: 163 126 139 189 188 21cn yeah aliyun
  # Webmail names that, with a user name after them, make an address: "gmail: lilyzhang88".
  webmail:     gmail hotmail outlook yahoo icloud protonmail foxmail
  tlds:        com net org cn edu gov io me co uk de jp kr hk tw sg au ca fr ru info biz ai app dev xyz top vip
  tlds:        cc tv email online site nl ch
  # "@" and "." spelled out; a spelled "@" needs a known domain or top-level domain after it.
  spelledAt:   艾特 圈a 小老鼠 at符号 #
  spelledDot:  点 點 。 句号
  spelledDotWords: dot period punto
  # Other messengers' link hosts; "." may be spelled: "t点me/lily".
  linkHosts:   t.me telegram.me telegram.dog wa.me line.me lin.ee signal.me signal.group discord.gg discord.com
  linkHosts:   discordapp.com open.kakao.com m.me ig.me instagram.com snapchat.com kik.me zalo.me
  linkHosts:   join.skype.com viber.click u.wechat.com qm.qq.com
`);

/** Keywords may be written with separators between their letters ("q q", "微❤信"). */
export const keywords = lists(String.raw`
  qq:          qq qq号 qq邮箱 扣扣 抠抠 蔻蔻 叩叩 球球 秋秋 企鹅 企鵝 企鹅号 鹅号 q号 🐧 tencentqq
  qqWeak:      q 扣
  wechat:      微信 威信 薇信 维信 徽信 危信 喂信 卫信 魏信 v信 微x vx wx weixin wechat 加v 加v信 加微信 +v 加微 v我
  wechat:      绿色软件 绿泡泡 绿色app 小绿
  wechatWeak:  v 薇 微
  addMe:       加我 加好友 加个好友 加一下 addme
  messenger:   telegram tg 电报 电报号 纸飞机 小飞机 飞机号 whatsapp watsapp kakao kakaotalk 카톡 카카오톡 skype
  messenger:   viber wickr threema zalo snapchat instagram discord kik 抖音号 小红书号 快手号 陌陌号 微博号
  messengerWeak: line signal snap ig insta fb facebook messenger 飞机 抖音 douyin
  messengerAt: ig insta snap 飞机 fb
  phone:       tel phone mobile mob cell call ring text sms dial ph mynumber number 电话 手机 手机号 座机 号码
  phone:       联系方式 联系电话 联系 来电 打给我 打我 热线 📞 ☎ 📱
`);

export const fragments = Object.fromEntries(
  rows(String.raw`
  sp          [\s!-\/:-@\[-\x60{-~。]{0,3}
  gap         (?:[\s!-\/:-@\[-\x60{-~。]|{connectors}|{explicit}){0,8}
  noUnit      (?!\s*(?:{units}))
  num5        \d(?:_?\d){4,10}(?!\d)
  num6        \d(?:_?\d){5,14}(?!\d)
  num7        \d(?:_?\d){6,14}(?!\d)
  local       (?<![a-z0-9._%+\-])[a-z0-9][a-z0-9._%+\-]{0,63}
  label       [a-z0-9][a-z0-9\-]{0,62}
  atLiteral   (?:@|\s+@\s+)
  atSpelled   (?:\s*[(\[{<]\s*at\s*[)\]}>]\s*|\s*@\s*|\s*{spelledAt}\s*)
  dotSpelled  (?:\s+\.\s+|\s*[(\[{<]\s*(?:dot|\.|点)\s*[)\]}>]\s*|\s+{spelledDotWords}\s+|\s*{spelledDot}\s*)
  dot         (?:\.|{dotSpelled})
  knownDomain (?:{emailProviders}(?:{dot}{tlds}){0,2}|{numericMailDomains}{dot}{tlds})
  handle      [a-z][a-z0-9_.]{1,30}[a-z0-9_](?:#\d{4})?(?![a-z0-9_])
  handleMarked (?=[a-z][a-z0-9_.#]*(?:[0-9_]|\.[a-z0-9]))(?!{stopwords}){handle}
  handleLong  (?!{stopwords}(?![a-z0-9_]))(?=[a-z0-9_.]{5}){handle}
  id          [a-z][a-z0-9_\-]{5,19}(?![a-z0-9_\-])
  idMarked    (?=[a-z][a-z0-9_\-]*[0-9_]){id}
  idAny       (?!{stopwords}(?![a-z0-9_\-])){id}
  qqKey       {qq}(?!{qqProducts})
`).map(([name = '', source = '']) => [name, source]),
);

/** Numbers that look like a phone but are something else; applied to the pattern's group `n`. */
export const vetoes = Object.fromEntries(
  rows(String.raw`
  # A date among the groups: "1995.06.08 180 65", "50 1950-01-01", "08/06/1995".
  date        (?:^|_)(?:(?:19|20)\d\d_[01]?\d_[0-3]?\d|[0-3]?\d_[01]?\d_(?:19|20)\d\d)(?:_|$)
  # A year, then a short group: "1999 175 60 28".
  yearFirst   ^(?:19|20)\d\d_\d{1,3}(?:_|$)
  # Groups of two and of four digits together: lists of stats, not a grouped phone number.
  mixedGroups ^(?=.*(?:^|_)\d\d(?:_|$))(?=.*(?:^|_)\d{4}(?:_|$))
  # Groups of one, two and three or more digits together: "190, 14, 34/1, 100".
  ragged      ^(?=.*(?:^|_)\d(?:_|$))(?=.*(?:^|_)\d\d(?:_|$))(?=.*(?:^|_)\d{3,}(?:_|$))
  # Love numbers: 520 = I love you, 1314 = forever.
  loveNumbers ^(?:_?(?:5201314|1314520|520|521|1314|3344))+$
`).map(([name = '', source = '']) => [name, source]),
);

export interface ContactPattern {
  readonly kind: string;
  readonly views: readonly string[];
  readonly vetoes: readonly string[];
  readonly source: string;
}

/** `kind views vetoes source` per line, views and vetoes comma-separated (`-` for none). */
export const patterns: readonly ContactPattern[] = rows(String.raw`
  email     text,digits,squeezed  -  {local}{atLiteral}{label}(?:{dot}{label}){0,4}{dot}[a-z]{2,12}(?![a-z0-9])
  email     text,digits,squeezed  -  {local}{atSpelled}(?:{knownDomain}|{label}(?:{dot}{label}){0,3}{dot}{tlds})(?![a-z0-9])
  # A bare " at " also starts "ranked 1500 at chess.com": it needs a known domain or a spelled dot.
  email     text,digits,squeezed  -  {local}\s+at\s+(?:{knownDomain}|{label}(?:{dot}{label}){0,3}{dotSpelled}{tlds})(?![a-z0-9])
  email     text,squeezed  -  (?<![a-z0-9@.]){webmail}{sp}(?::|=|{explicitId}){gap}{handleMarked}
  # North American numbers in their usual shapes: "(555) 123-4567", "415-555-0132", "415.555.0132".
  phone     text  -  (?<![\d+])(?:\(\d{3}\)\s?\d{3}|\d{3}-\d{3}|\d{3}\.\d{3})[-.\s]\d{4}(?![\d-])
  messenger text,squeezed  -  (?<![a-z0-9]){linkHosts}\s*(?:/|斜杠|slash)\s*[a-z0-9_+~]
  messenger text,squeezed  -  {messenger}{gap}(?:@\s?{handle}|{handleMarked})
  messenger text,squeezed  -  {messenger}{gap}{explicitId}{gap}@?{handleLong}
  messenger text,squeezed  -  {messengerWeak}{gap}{explicit}{gap}(?:@\s?{handle}|{handleMarked})
  messenger text,squeezed  -  {messengerWeak}{gap}{explicitId}{gap}@?{handleLong}
  messenger text,squeezed  -  {messengerAt}{sp}@{handle}
  messenger digits  date  {messenger}{gap}\+?\s?(?<n>{num7})
  messenger digits  date  {messengerWeak}{gap}{explicit}{gap}\+?\s?(?<n>{num7})
  messenger text,squeezed  -  (?<![a-z0-9_.])@{handle}{sp}(?:on|in|via|at)?{sp}{messenger}
  wechat    text,squeezed  -  (?<![a-z0-9])wxid_[a-z0-9_\-]{3,}
  wechat    text,squeezed  -  {wechat}{gap}{idMarked}
  wechat    text,squeezed  -  {wechat}{gap}{explicit}{gap}{idAny}
  wechat    digits  date  {wechat}{gap}\+?\s?(?<n>{num6}){noUnit}
  wechat    text,squeezed  -  {wechatWeak}{sp}{explicit}{gap}{idMarked}
  wechat    digits  date  {wechatWeak}{sp}{explicit}{gap}(?<n>{num6}){noUnit}
  wechat    text,squeezed  -  (?<![a-z0-9_\-]){idMarked}{sp}{reverseLinks}{sp}{wechat}
  wechat    text,squeezed  -  {addMe}{gap}{idMarked}
  qq        digits  date  {qqKey}{gap}(?<n>{num5}){noUnit}
  qq        digits  date  {qqWeak}{sp}(?::|=|号){gap}(?<n>{num5}){noUnit}
  qq        digits  date  (?<![a-z0-9])q(?=\d{5})(?<n>{num5}){noUnit}
  qq        digits  date  (?<![\d_])(?<n>{num5}){sp}{qqKey}
  phone     digits,dashed  date,loveNumbers  {phone}{gap}\+?\s?(?<n>{num7}){noUnit}
  # Mainland mobiles, with +86 / 0086 / 86 / 0 in front.
  phone     digits,dashed  date,yearFirst,mixedGroups,ragged,loveNumbers  (?<n>(?<!\d)(?:(?:\+|00)\s?86_?|86_?|0_?)?1_?[3-9](?:_?\d){9}(?!\d))
  # Landlines with an area code, and other numbers that start with 0 (UK 07…).
  phone     digits,dashed  date  (?<n>(?<!\d)(?:(?:\+|00)\s?86_?)?0[1-9]\d{1,3}_?[2-9](?:_?\d){5,7}(?!\d))
  phone     digits,dashed  date  (?<n>\+\s?[1-9](?:_?\d){7,14}(?!\d))
  phone     digits,dashed  date  (?<n>(?<!\d)00[1-9](?:_?\d){7,13}(?!\d))
  # Hotlines: 400-820-8820, 800 810 8888.
  phone     digits,dashed  date  (?<n>(?<!\d)[48]00_?\d{3}_?\d{4}(?!\d))
`).map(([kind = '', views = '', vetoNames = '', source = '']) => ({
  kind,
  views: views.split(','),
  vetoes: vetoNames === '-' ? [] : vetoNames.split(','),
  source,
}));
