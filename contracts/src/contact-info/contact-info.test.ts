import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- Vite's raw import; the contracts compile without Node or bundler types.
import corpusText from './corpus.tsv?raw';
import { errorCodes } from '../errors.js';
import { fieldMessages } from '../messages.js';
import { compiledPatterns, contactInfoKinds, detectContactInfo } from './detect.js';

// The contracts compile without Node or DOM types: declare the two globals the test prints and times with.
declare const console: { log(message: string): void };
declare const performance: { now(): number };

type Label = (typeof contactInfoKinds)[number] | 'none';
interface CorpusLine {
  readonly line: number;
  readonly label: Label;
  readonly text: string;
}

const labels: readonly string[] = [...contactInfoKinds, 'none'];

function readCorpus(): CorpusLine[] {
  const raw: string = corpusText;
  return raw.split('\n').flatMap((row, index) => {
    if (row.trim() === '' || row.startsWith('#')) return [];
    const [label = '', text = '', ...rest] = row.split('\t');
    if (!labels.includes(label) || text === '' || rest.length > 0) {
      throw new Error(`corpus.tsv:${index + 1}: expected label<TAB>text, got ${JSON.stringify(row)}`);
    }
    return [{ line: index + 1, label: label as Label, text }];
  });
}

describe('contact-info corpus', () => {
  const corpus = readCorpus();

  it('is large, balanced and bilingual', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(320);
    const positives = corpus.filter((entry) => entry.label !== 'none').length;
    expect(positives * 2).toBeGreaterThanOrEqual(corpus.length);
    expect(corpus.filter((entry) => /[\u4e00-\u9fff]/.test(entry.text)).length).toBeGreaterThan(100);
    expect(corpus.filter((entry) => /^[\x20-\x7e]+$/.test(entry.text)).length).toBeGreaterThan(80);
    for (const label of labels) {
      expect(corpus.filter((entry) => entry.label === label).length, label).toBeGreaterThanOrEqual(20);
    }
  });

  it('is found with high precision and recall', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const misses: string[] = [];
    const perKind = new Map<string, { right: number; total: number }>();
    for (const { line, label, text } of corpus) {
      const found = detectContactInfo(text)?.kind ?? 'none';
      const tally = perKind.get(label) ?? { right: 0, total: 0 };
      tally.total++;
      if (found === label) tally.right++;
      perKind.set(label, tally);
      if (label !== 'none' && found !== 'none') truePositives++;
      if (label === 'none' && found !== 'none') falsePositives++;
      if (label !== 'none' && found === 'none') falseNegatives++;
      if (found !== label) misses.push(`  line ${line}: expected ${label}, found ${found}: ${text}`);
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    const kinds = [...perKind]
      .map(([kind, { right, total }]) => `${kind} ${right}/${total} (${(right / total).toFixed(3)})`)
      .join(', ');
    console.log(
      `contact-info corpus: ${corpus.length} lines, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n` +
        `  per kind: ${kinds}\n${misses.length > 0 ? `misclassified:\n${misses.join('\n')}` : 'no misclassified lines'}`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.97);
    expect(precision).toBeGreaterThanOrEqual(0.98);
  });
});

describe('detectContactInfo', () => {
  it.each([
    ['电话 138 1234 5678', 'phone'],
    ['lily at gmail dot com', 'email'],
    ['扣扣 12345678', 'qq'],
    ['vx: lily_520', 'wechat'],
    ['t.me/lily_sun', 'messenger'],
  ] as const)('names the kind, error code and field message: %s', (text, kind) => {
    const finding = detectContactInfo(text);
    expect(finding?.kind).toBe(kind);
    expect(errorCodes).toContain(finding?.code);
    expect(finding?.code).toBe(`CONTACT_INFO_${kind.toUpperCase()}`);
    expect(Object.keys(fieldMessages)).toContain(finding?.messageKey);
    expect(finding?.messageKey).toBe(`contactInfo.${kind}`);
  });

  it('has an error code and a field message for every kind', () => {
    for (const kind of contactInfoKinds) {
      expect(errorCodes).toContain(`CONTACT_INFO_${kind.toUpperCase()}`);
      expect(Object.keys(fieldMessages)).toContain(`contactInfo.${kind}`);
    }
  });

  it('finds nothing in empty or blank text and compiles every pattern', () => {
    expect(detectContactInfo('')).toBeNull();
    expect(detectContactInfo(' \n\t ')).toBeNull();
    expect(compiledPatterns().length).toBeGreaterThan(20);
  });

  it('answers the same every time, in any order', () => {
    const texts = ['vx: lily_520', 'born 1995', '138 1234 5678', 'QQ飞车', 'lily@gmail.com'];
    const first = texts.map((text) => detectContactInfo(text)?.kind ?? null);
    const again = [...texts].reverse().map((text) => detectContactInfo(text)?.kind ?? null);
    expect(again.reverse()).toEqual(first);
  });

  it('finds a contact detail anywhere in a long post', () => {
    const filler = 'Love hiking, 28, 175cm, born 1995, 10000 steps a day. '.repeat(150);
    expect(detectContactInfo(`${filler}vx: lily_520 ${filler}`)?.kind).toBe('wechat');
    expect(detectContactInfo(filler + filler)).toBeNull();
  });
});

const digitForms: Readonly<Record<string, readonly string[]>> = {
  '0': ['0', '０', '⓪', '⓿', '零', '〇', 'o', 'O'],
  '1': ['1', '１', '①', '❶', '一', '壹', '幺', 'l', 'I'],
  '2': ['2', '２', '②', '❷', '二', '贰', '两'],
  '3': ['3', '３', '③', '❸', '三', '叁'],
  '4': ['4', '４', '④', '❹', '四', '肆'],
  '5': ['5', '５', '⑤', '❺', '五', '伍'],
  '6': ['6', '６', '⑥', '❻', '六', '陆'],
  '7': ['7', '７', '⑦', '❼', '七', '柒'],
  '8': ['8', '８', '⑧', '❽', '八', '捌'],
  '9': ['9', '９', '⑨', '❾', '九', '玖'],
};
const groupings = [
  [3, 4, 4],
  [11],
  [3, 8],
  [4, 4, 3],
  [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  [2, 2, 2, 2, 2, 1],
  [3, 3, 5],
];
const groupSeparators = [' ', '-', '.', '/', ' - ', '🌸', ' 加 ', '~', ' | ', '_', '—', '·', ' and ', '💕', '  '];
const settings = { seed: 20240501, numRuns: 400 };

describe('contact-info properties', () => {
  it('finds a mainland mobile number however its digits and groups are written', () => {
    const mobile = fc
      .tuple(fc.integer({ min: 3, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }))
      .map(([second, rest]) => `1${second}${rest.join('')}`);
    const written = fc.record({
      number: mobile,
      grouping: fc.constantFrom(...groupings),
      separator: fc.constantFrom(...groupSeparators),
      picks: fc.array(fc.nat(), { minLength: 11, maxLength: 11 }),
      context: fc.constantFrom(
        ['', ''],
        ['电话 ', ''],
        ['call me ', ' after 6'],
        ['找我玩 ', ' 晚上在'],
        ['Lily, 28, ', ' 🙂'],
      ),
    });
    fc.assert(
      fc.property(written, ({ number, grouping, separator, picks, context }) => {
        let index = 0;
        const groups = grouping.map((size) =>
          Array.from(number.slice(index, index + size), (digit, offset) => {
            const forms = digitForms[digit] ?? [digit];
            // A look-alike letter never starts a group: "l" alone between spaces is a letter.
            const usable = offset === 0 ? forms.filter((form) => !/[a-z]/i.test(form)) : forms;
            const form = usable[(picks[index + offset] ?? 0) % usable.length] ?? digit;
            if (offset === size - 1) index += size;
            return form;
          }).join(''),
        );
        const text = `${context[0]}${groups.join(separator)}${context[1]}`;
        expect(detectContactInfo(text), text).not.toBeNull();
      }),
      settings,
    );
  });

  it('finds a QQ number after any QQ keyword, in any digit form', () => {
    const qq = fc.record({
      keyword: fc.constantFrom('QQ', 'qq号', '扣扣', '企鹅号', 'Q号', '球球', '秋秋', 'Q Q', '🐧', 'q:', '扣:'),
      connector: fc.constantFrom(' ', '：', ' 是 ', '号码是', ' is ', ' -> ', ''),
      digits: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 5, maxLength: 11 }),
      picks: fc.array(fc.nat(), { minLength: 11, maxLength: 11 }),
      separator: fc.constantFrom('', ' ', '-', '🌸'),
    });
    fc.assert(
      fc.property(qq, ({ keyword, connector, digits, picks, separator }) => {
        const number = digits.map((digit, index) => {
          const forms = (digitForms[String(index === 0 ? Math.max(digit, 1) : digit)] ?? []).filter(
            (f) => !/[a-z]/i.test(f),
          );
          return forms[(picks[index] ?? 0) % forms.length] ?? '';
        });
        const text = `${keyword}${connector}${number.join(separator)}`;
        expect(detectContactInfo(text), text).not.toBeNull();
      }),
      settings,
    );
  });

  it('finds an email address however "@" and "." are written', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9._]{1,12}[a-z0-9]$/).filter((local) => !/\.\.|\._|_\./.test(local));
    const email = fc.record({
      local: name,
      at: fc.constantFrom('@', ' @ ', '＠', ' at ', '(at)', ' [at] ', '{at}', '艾特', ' AT ', '<at>'),
      domain: fc.constantFrom('gmail', 'outlook', 'qq', '163', 'lily-studio', 'mail.example'),
      dot: fc.constantFrom('.', ' . ', '．', ' dot ', '(dot)', ' [dot] ', '点', '。', ' DOT '),
      tld: fc.constantFrom('com', 'net', 'cn', 'co.uk', 'io'),
    });
    fc.assert(
      fc.property(email, ({ local, at, domain, dot, tld }) => {
        // "ranked 1500 at chess.com" is not an address: a bare "at" needs a webmail name or a spelled dot.
        fc.pre(!(/^ at $/i.test(at) && /^[.．]$/.test(dot) && !['gmail', 'outlook', 'qq', '163'].includes(domain)));
        const text = `邮箱 ${local}${at}${domain}${dot}${tld.replace('.', dot)}`;
        expect(detectContactInfo(text)?.kind, text).toBe('email');
      }),
      settings,
    );
  });

  it('finds nothing in ordinary numbers: years, sizes, ages, prices, times, dates, rooms, counts', () => {
    const pad = (value: number): string => String(value).padStart(2, '0');
    const year = fc.integer({ min: 1950, max: 2030 });
    const token = fc.oneof(
      year.map((y) => `${y}年出生`),
      year.map((y) => `born ${y}`),
      fc.integer({ min: 145, max: 200 }).map((h) => `${h}cm`),
      fc.integer({ min: 40, max: 120 }).map((w) => `${w}kg`),
      fc.integer({ min: 18, max: 80 }).map((a) => `${a}岁`),
      fc.integer({ min: 18, max: 80 }).map((a) => `I'm ${a}`),
      fc.integer({ min: 1, max: 99999 }).map((p) => `¥${p}`),
      fc.integer({ min: 1, max: 99999 }).map((p) => `$${p.toLocaleString('en-US')}`),
      fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${h}:${pad(m)}`),
      fc.integer({ min: 1, max: 12 }).map((h) => `晚上${h}点`),
      fc
        .tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
        .chain(([y, m, d]) =>
          fc.constantFrom(`${y}-${pad(m)}-${pad(d)}`, `${y}.${m}.${d}`, `${y}/${pad(m)}/${pad(d)}`),
        ),
      fc.integer({ min: 101, max: 3999 }).map((room) => `room ${room}`),
      fc.integer({ min: 101, max: 3999 }).map((room) => `我住${room}室`),
      fc.integer({ min: 1, max: 30000 }).map((count) => `${count} steps`),
      fc.integer({ min: 1, max: 9 }).map((count) => `${count} cats`),
      fc.tuple(fc.nat(10), fc.nat(10)).map(([a, b]) => `${a}:${b}`),
      fc.constantFrom('QQ飞车', '玩QQ音乐', 'waiting in line', '@home', '摩羯座', 'V我50', 'INFJ', '微信运动'),
    );
    const text = fc
      .tuple(fc.array(token, { minLength: 1, maxLength: 8 }), fc.constantFrom(' ', ', ', ' | ', '，', ' / ', '、'))
      .map(([tokens, separator]) => tokens.join(separator));
    fc.assert(
      fc.property(text, (sample) => {
        expect(detectContactInfo(sample), sample).toBeNull();
      }),
      settings,
    );
  });
});

describe('contact-info performance', () => {
  const size = 10_000;
  const fill = (unit: string): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  let seed = 7;
  const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const alphabet = Array.from('1 38qQ@.微信扣:_-lo一加at dot+86(vx)tg/me#');
  const noise = Array.from({ length: size }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  const lettersThenAt = `${'a'.repeat(size - 10)}@gmail.com`;
  const adversarial = [
    ...['1 ', '1', 'qq ', '微信:', 'a', 'a.', 'a@', 'a@a.', 'lily at gmail dot ', 't.me/', '138 加 ', 'o1', 'l o '],
    ...['一', 'telegram ', 'tg: @', '_a1', '8_', '+86 ', '(at)', 'wechat is my ', ' ', '🌸1', 'q:1', 'vx', '@a_1 '],
    ...['1999 175 60 28 ', '2024-05-01 ', '13 ', '横杠1', 'qq 号 ', '微信是的我的', 'a-', 'a at ', 'l o l 1 '],
  ].map(fill);

  it('checks 10,000 characters of adversarial text in well under 50 ms', () => {
    detectContactInfo('warm up the compiled patterns: 138 1234 5678');
    let slowest = 0;
    for (const text of [...adversarial, noise, lettersThenAt]) {
      // Best of three: backtracking would be slow every time; a garbage collection or a busy CPU is not.
      const elapsed = Math.min(
        ...[1, 2, 3].map(() => {
          const started = performance.now();
          detectContactInfo(text);
          return performance.now() - started;
        }),
      );
      slowest = Math.max(slowest, elapsed);
      expect(elapsed, JSON.stringify(text.slice(0, 20))).toBeLessThan(50);
    }
    console.log(`contact-info: slowest 10,000-character adversarial input took ${slowest.toFixed(1)} ms`);
  });
});
