/**
 * The views of a text the patterns run on (see contact-info.data.ts). Pure string work: no Node
 * or DOM APIs, linear in the length of the text.
 */
import {
  contextualDigits,
  digitWords,
  keywords,
  lookAlikeCharacters,
  maxGroupGap,
  numeralCharacters,
  numeralDashes,
  groupSeparatorClass,
  separatorClass,
  spelledSymbols,
  words,
  type ContactView,
} from './contact-info.data.js';
import { compileSplitKeywords, compileWords } from './compile.js';

export type ContactViews = Readonly<Record<ContactView, string>>;

function invert(table: Readonly<Record<string, string>>): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [to, froms] of Object.entries(table)) for (const from of Array.from(froms)) map.set(from, to);
  return map;
}

const LOOK_ALIKES = invert(lookAlikeCharacters);
const NUMERALS = invert(numeralCharacters);
const CONTEXTUAL = invert(contextualDigits);
const DIGIT_WORD_VALUES = new Map(Object.entries(digitWords).map(([digit, word]) => [word, digit]));
const INVISIBLE = /[\p{M}\p{Cf}]/gu;
const SYMBOL = /[\p{P}\p{S}]/gu;
const SPACES = /[^\S\n]+/g;
/** Symbols the data mentions (☎, 🐧, 。, ←) survive folding; every other non-ASCII symbol is a space. */
const KEPT_SYMBOLS = new Set(
  [...Object.values(words), ...Object.values(keywords)].flat().flatMap((word) => Array.from(word)),
);
/** Kept symbols other than currency join digit groups like ASCII punctuation: "138→1234". */
const KEPT_SEPARATORS = [...KEPT_SYMBOLS].filter((char) => /^[\p{P}\p{S}]$/u.test(char) && char > '~');
const GROUP_SEPARATOR = `(?:${groupSeparatorClass}|(?![${(words.runBreakers ?? []).join('')}])[${KEPT_SEPARATORS.join('')}])`;
const DIGIT_WORDS = new RegExp(`(?<![a-z])(?:${Object.values(digitWords).join('|')})(?![a-z])`, 'g');
const SEPARATOR = new RegExp(`^${GROUP_SEPARATOR}$`, 'u');
const HAN = /^\p{Script=Han}$/u;
const LATIN_LETTER = /^[a-z]$/;
const DIGIT = /^\d$/;
const RUN = new RegExp(
  `\\d+(?:(?:${GROUP_SEPARATOR}|${compileWords(words.fillers ?? [])}){1,${maxGroupGap}}\\d+)*`,
  'gu',
);
const SPLIT_KEYWORD = new RegExp(compileSplitKeywords(), 'gu');
const SEPARATORS = new RegExp(separatorClass, 'gu');
const SPELLED_SYMBOLS = Object.entries(spelledSymbols).map(
  ([symbol, spellings]) => [new RegExp(`\\s*${compileWords(spellings)}\\s*`, 'gu'), symbol] as const,
);
const NUMERAL_DASH = new RegExp(`(?<=\\d)[${numeralDashes}](?=\\d)`, 'gu');
const SPACED_SINGLES = /(?<=(?:^|[^a-z0-9])[a-z0-9])[ \t](?=[a-z0-9](?![a-z0-9]))/g;
const CONTEXT_REACH = 2;

function mapCharacters(text: string, map: ReadonlyMap<string, string>): string {
  return Array.from(text, (char) => map.get(char) ?? char).join('');
}

function foldSymbol(symbol: string): string {
  return symbol <= '~' || KEPT_SYMBOLS.has(symbol) ? symbol : ' ';
}

/**
 * NFKD without invisible characters or marks (accents, keycaps), then NFC; lower case; symbols
 * and emoji outside ASCII as spaces unless the data names them; one space for many; look-alikes
 * mapped; keywords written whole ("微 信" → "微信"); spelled symbols as symbols ("下划线" → "_").
 */
export function textView(input: string): string {
  const folded = input
    .normalize('NFKD')
    .replace(INVISIBLE, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(SYMBOL, foldSymbol)
    .replace(SPACES, ' ');
  const mapped = mapCharacters(folded, LOOK_ALIKES).replace(SPLIT_KEYWORD, (word) => word.replace(SEPARATORS, ''));
  return SPELLED_SYMBOLS.reduce((text, [spelled, symbol]) => text.replace(spelled, symbol), mapped);
}

/** A letter of the same script touching a look-alike makes it a letter: "hello", "山洞". */
function touchesLetter(neighbour: string | undefined, lookAlike: string): boolean {
  if (neighbour === undefined) return false;
  return HAN.test(lookAlike) ? HAN.test(neighbour) : LATIN_LETTER.test(neighbour);
}

function digitWithinReach(chars: readonly string[], from: number, step: 1 | -1, reach: number): boolean {
  for (let index = from, skipped = 0; index >= 0 && index < chars.length; index += step) {
    const char = chars[index] ?? '';
    if (DIGIT.test(char)) return true;
    if (!SEPARATOR.test(char) || ++skipped > reach) return false;
  }
  return false;
}

/**
 * A run of contextual look-alikes becomes digits when no letter touches it and a digit touches it
 * ("l38", "1o2o3") or, for one repeated character ("oooo", "o"), is within reach across
 * separators ("183-oooo-1234"). Repeated so that runs chain ("1 3 8 o o 1").
 */
export function resolveContextualDigits(text: string): string {
  const chars = Array.from(text);
  for (let pass = 0, changed = true; changed && pass < 4; pass++) {
    changed = false;
    for (let start = 0; start < chars.length;) {
      let end = start;
      while (end < chars.length && CONTEXTUAL.has(chars[end] ?? '')) end++;
      if (end === start) {
        start++;
        continue;
      }
      const first = chars[start] ?? '';
      const last = chars[end - 1] ?? '';
      const free = !touchesLetter(chars[start - 1], first) && !touchesLetter(chars[end], last);
      const reach = chars.slice(start, end).every((char) => char === first) ? CONTEXT_REACH : 0;
      if (free && (digitWithinReach(chars, start - 1, -1, reach) || digitWithinReach(chars, end, 1, reach))) {
        for (let index = start; index < end; index++) chars[index] = CONTEXTUAL.get(chars[index] ?? '') ?? '';
        changed = true;
      }
      start = end;
    }
  }
  return chars.join('');
}

/** Every digit form as 0-9, and each run of digit groups as digits joined by `_`. */
export function digitView(text: string): string {
  const numerals = mapCharacters(text, NUMERALS).replace(DIGIT_WORDS, (word) => DIGIT_WORD_VALUES.get(word) ?? word);
  return resolveContextualDigits(numerals).replace(RUN, (run) => (run.match(/\d+/g) ?? []).join('_'));
}

/** Single letters or digits spaced out ("l i l y 8 8 8") joined into one word. */
export function squeezedView(text: string): string {
  return text.replace(SPACED_SINGLES, '');
}

export function contactViews(input: string): ContactViews {
  const text = textView(input);
  const digits = digitView(text);
  // The digit view again with numerals between digits read as dashes; the same view when there are none.
  const dashedText = text.replace(NUMERAL_DASH, '-');
  const dashed = dashedText === text ? digits : digitView(dashedText);
  return { text, digits, dashed, squeezed: squeezedView(text) };
}
