/**
 * Turns the detector's data into regular expressions: word lists become alternations, keywords
 * become alternations whose letters may be split by symbols, `{name}` placeholders are filled in.
 */
import { fragments, keywordFlex, keywords, words } from './contact-info.data.js';

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const PLACEHOLDER = /(?<!\\[pP])\{([a-zA-Z]\w*)\}/g;
const MAX_DEPTH = 8;

function escapeRegex(text: string): string {
  return text.replace(REGEX_SYNTAX, '\\$&');
}

/** Latin words do not match inside longer Latin words ("line" is not in "online"). */
function bounded(body: string, word: string, start: string): string {
  return (/^[a-z]/.test(word) ? start : '') + body + (/[a-z]$/.test(word) ? '(?![a-z])' : '');
}

function alternation(items: readonly string[], compileOne: (item: string) => string): string {
  const sorted = [...items].sort((a, b) => b.length - a.length);
  return `(?:${sorted.map(compileOne).join('|')})`;
}

/** Plain words, e.g. connectors, units and link hosts; a `.` may be spelled ("t点me"). */
export function compileWords(list: readonly string[]): string {
  return alternation(list, (word) => {
    const body = word === '.' ? '\\.' : word.split('.').map(escapeRegex).join('{dot}');
    return bounded(body, word, '(?<![a-z])');
  });
}

/** Keywords as the patterns see them: the views already wrote them without inner separators. */
export function compileKeywords(list: readonly string[]): string {
  return alternation(list, (keyword) => bounded(escapeRegex(keyword), keyword, '(?<![a-z0-9])'));
}

/**
 * Every keyword of letters and digits, its letters allowed to be split by a few separators
 * ("微 信", "q.q", "w e c h a t"); the views remove those separators so patterns see "微信".
 */
export function compileSplitKeywords(): string {
  const splittable = Object.values(keywords)
    .flat()
    .filter((keyword) => /^[\p{L}\p{N}]{2,}$/u.test(keyword));
  return alternation([...new Set(splittable)], (keyword) =>
    bounded(Array.from(keyword, escapeRegex).join(keywordFlex), keyword, '(?<![a-z0-9])'),
  );
}

function resolve(name: string): string {
  const fragment = fragments[name];
  if (fragment !== undefined) return fragment;
  const wordList = words[name];
  if (wordList !== undefined) return compileWords(wordList);
  const keywordList = keywords[name];
  if (keywordList !== undefined) return compileKeywords(keywordList);
  throw new Error(`contact-info: unknown placeholder {${name}}`);
}

/** Fills `{name}` placeholders from fragments, words and keywords, recursively. */
export function expandPattern(source: string, depth = 0): string {
  if (depth > MAX_DEPTH) throw new Error(`contact-info: placeholders nest too deep in ${source}`);
  return source.replace(PLACEHOLDER, (_whole, name: string) => expandPattern(resolve(name), depth + 1));
}
