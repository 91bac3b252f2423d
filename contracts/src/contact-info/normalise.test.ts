import { describe, expect, it } from 'vitest';
import { contactViews, digitView, resolveContextualDigits, squeezedView, textView } from './normalise.js';

const digits = (input: string): string => digitView(textView(input));

describe('contact-info text view', () => {
  it.each([
    ['NFKC folds full-width letters, digits and @', '１３８ＡＢＣ＠ｑｑ．ｃｏｍ', '138abc@qq.com'],
    ['math and circled letters become plain letters', '𝐯𝐱 ⓛⓘⓛⓨ', 'vx lily'],
    ['invisible characters and combining marks go', 'li\u200bly\u00ad@gm\u0301ail', 'lily@gmail'],
    ['keycap emoji leave their digit', '1️⃣3️⃣8️⃣', '138'],
    ['Cyrillic and Greek look-alikes become Latin', 'wеchаt tеlеgrаm ο', 'wechat telegram o'],
    ['dingbat and other-script digits become digits', '❶➁➌ ١٣٨ ۴ ९', '123 138 4 9'],
    ['other symbols and emoji become one space', 'a🌸b✨✨c——d', 'a b c d'],
    ['symbols the data names survive', '☎ 🐧 🆔 👉 。', '☎ 🐧 🆔 👉 。'],
    ['keywords split by symbols are written whole', '微 ❤ 信 q.q w-x v x', '微信 qq wx vx'],
    ['keywords are not joined out of longer words', 'online vxyz', 'online vxyz'],
    ['spelled symbols become symbols', 'lily 下划线 520 and bo underscore 7', 'lily_520 and bo_7'],
  ])('%s', (_name, input, expected) => {
    expect(textView(input)).toBe(expected);
  });
});

describe('contact-info digit view', () => {
  it.each([
    ['circled and negative circled digits', '①③⑧⓪ ❶', '1380_1'],
    ['Chinese numerals, with 〇 零 幺 两', '一三八零〇幺两', '1380012'],
    ['financial numerals', '壹贰叁肆伍陆柒捌玖', '123456789'],
    ['spelled English digits as words only', 'one three eight someone', '1_3_8 someone'],
    ['dashes, dots, slashes and brackets split groups', '(138)-1234.5678/9', '(138_1234_5678_9'],
    ['emoji between groups', '138🌸1234💕5678', '138_1234_5678'],
    ['filler words between groups', '138 加 1234 then 5678 空格 9', '138_1234_5678_9'],
    ['a long gap ends a run', '138 , , , , 1234', '138 , , , , 1234'],
    ['@ never joins digits', '123@456', '123@456'],
    ['mixtures of every form', '１三8 幺②3 肆五６ 7八', '138_123_456_78'],
  ])('%s', (_name, input, expected) => {
    expect(digits(input)).toBe(expected);
  });

  it.each([
    ['l and o inside digit runs', 'l38 oo12 345l', '138 0012 3451'],
    ['a run of o between dashes', '183-oooo-1234', '183-0000-1234'],
    ['i (from I) before digits', 'i5o', '150'],
    ['Han look-alikes between digits', '139洞洞拐勾 8 洞洞洞洞', '1390079 8 0000'],
    ['letters inside words stay letters', 'hello 2024, lol, oil 5', 'hello 2024, lol, oil 5'],
    ['a lone I or o far from digits stays', 'o well, i am 28', 'o well, i am 28'],
    ['mixed look-alike words need a digit touching them', 'lo1 2 lo', '101 2 lo'],
    ['Han look-alikes inside words stay', '山洞 12 拐弯', '山洞 12 拐弯'],
  ])('reads look-alike letters as digits only among digits: %s', (_name, input, expected) => {
    expect(resolveContextualDigits(input)).toBe(expected);
  });
});

describe('contact-info other views', () => {
  it('joins spaced-out single letters and digits', () => {
    expect(squeezedView('vx: l i l y 8 8 8 and a cat')).toBe('vx: lily888 and a cat');
    expect(squeezedView('i am a cat')).toBe('i am a cat');
  });

  it('reads 一 between digits as a dash in the dashed view only', () => {
    const views = contactViews('138一1234一5678');
    expect(views.digits).toBe('1381123415678');
    expect(views.dashed).toBe('138_1234_5678');
    expect(contactViews('一三八').dashed).toBe('138');
  });
});
