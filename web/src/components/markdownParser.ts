/**
 * A small Markdown reader for documents we publish (the privacy policy): headings, paragraphs,
 * nested lists, quotes, rules, simple tables, code, bold, italics and links. It produces a tree
 * that Markdown.tsx turns into React elements, so no text ever becomes HTML.
 */
import { isSameSitePath } from '../lib/paths';

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'break' };

export type Block =
  | { type: 'heading'; level: number; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { type: 'quote'; children: Block[] }
  | { type: 'rule' }
  | { type: 'code'; text: string }
  | { type: 'table'; head: Inline[][]; rows: Inline[][][] };

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}> ?/;
const FENCE = /^ {0,3}(```|~~~)/;
const LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const TABLE_DIVIDER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

const isBlank = (line: string) => line.trim() === '';
const indentOf = (line: string) => line.length - line.trimStart().length;

function startsBlock(line: string): boolean {
  return HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || FENCE.test(line) || LIST_ITEM.test(line);
}

export function parseMarkdown(source: string): Block[] {
  return parseBlocks(source.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n'));
}

function parseBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (isBlank(line)) {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !(lines[i] ?? '').trimStart().startsWith(fence[1] ?? '```'))
        body.push(lines[i++] ?? '');
      blocks.push({ type: 'code', text: body.join('\n') });
      i += 1;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1]?.length ?? 1, children: parseInline(heading[2] ?? '') });
      i += 1;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      i += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] ?? '')) quoted.push((lines[i++] ?? '').replace(QUOTE, ''));
      blocks.push({ type: 'quote', children: parseBlocks(quoted) });
      continue;
    }
    if (LIST_ITEM.test(line)) {
      const { block, next } = parseList(lines, i);
      blocks.push(block);
      i = next;
      continue;
    }
    if (line.includes('|') && TABLE_DIVIDER.test(lines[i + 1] ?? '')) {
      const { block, next } = parseTable(lines, i);
      blocks.push(block);
      i = next;
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && !isBlank(lines[i] ?? '') && (paragraph.length === 0 || !startsBlock(lines[i] ?? ''))) {
      paragraph.push(lines[i++] ?? '');
    }
    blocks.push({ type: 'paragraph', children: parseLines(paragraph) });
  }
  return blocks;
}

function parseList(lines: string[], from: number): { block: Block; next: number } {
  const first = LIST_ITEM.exec(lines[from] ?? '');
  const baseIndent = first?.[1]?.length ?? 0;
  const ordered = /\d/.test(first?.[2] ?? '');
  const start = ordered ? Number.parseInt(first?.[2] ?? '1', 10) : 1;
  const items: string[][] = [];
  let current: string[] = [];
  let contentIndent = baseIndent + 2;
  let i = from;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const item = LIST_ITEM.exec(line);
    if (item && (item[1]?.length ?? 0) <= baseIndent + 1 && /\d/.test(item[2] ?? '') === ordered) {
      if (i !== from) items.push(current);
      current = [item[3] ?? ''];
      contentIndent = (item[1]?.length ?? 0) + (item[2]?.length ?? 1) + 1;
      i += 1;
      continue;
    }
    if (isBlank(line)) {
      const following = lines.slice(i + 1).find((candidate) => !isBlank(candidate));
      const continues =
        following !== undefined &&
        (indentOf(following) >= contentIndent || isSiblingItem(following, baseIndent, ordered));
      if (!continues) break;
      current.push('');
      i += 1;
      continue;
    }
    if (indentOf(line) > baseIndent) {
      current.push(line.slice(Math.min(indentOf(line), contentIndent)));
      i += 1;
      continue;
    }
    // A lazy continuation of the item's paragraph; anything that starts its own block ends the list.
    if (startsBlock(line) || isBlank(lines[i - 1] ?? '')) break;
    current.push(line.trim());
    i += 1;
  }
  items.push(current);
  return { block: { type: 'list', ordered, start, items: items.map(parseBlocks) }, next: i };
}

function isSiblingItem(line: string, baseIndent: number, ordered: boolean): boolean {
  const item = LIST_ITEM.exec(line);
  return item !== null && (item[1]?.length ?? 0) <= baseIndent + 1 && /\d/.test(item[2] ?? '') === ordered;
}

function parseTable(lines: string[], from: number): { block: Block; next: number } {
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split(/(?<!\\)\|/)
      .map((cell) => parseInline(cell.trim().replace(/\\\|/g, '|')));
  const head = cells(lines[from] ?? '');
  const rows: Inline[][][] = [];
  let i = from + 2;
  while (i < lines.length && !isBlank(lines[i] ?? '') && (lines[i] ?? '').includes('|'))
    rows.push(cells(lines[i++] ?? ''));
  return { block: { type: 'table', head, rows }, next: i };
}

/** Joins a paragraph's lines: a line ending in two spaces or a backslash keeps its line break. */
function parseLines(lines: string[]): Inline[] {
  const result: Inline[] = [];
  lines.forEach((line, index) => {
    const hardBreak = / {2,}$/.test(line) || /\\$/.test(line);
    result.push(...parseInline(line.trim().replace(/\\$/, '')));
    if (index < lines.length - 1) result.push(hardBreak ? { type: 'break' } : { type: 'text', text: ' ' });
  });
  return mergeText(result);
}

const ESCAPABLE = /[\\`*_{}[\]()#+\-.!|>~<]/;
const BARE_URL = /^https?:\/\/[^\s<>]*[^\s<>.,;:!?'")\]]/;

export function parseInline(text: string): Inline[] {
  const result: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) result.push({ type: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const char = text.charAt(i);
    const rest = text.slice(i);
    if (char === '\\' && ESCAPABLE.test(text.charAt(i + 1))) {
      plain += text.charAt(i + 1);
      i += 2;
      continue;
    }
    if (char === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        result.push({ type: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if ((rest.startsWith('**') || rest.startsWith('__')) && !/\s/.test(text.charAt(i + 2))) {
      const end = text.indexOf(rest.slice(0, 2), i + 2);
      if (end > i + 2 && !/\s/.test(text.charAt(end - 1))) {
        flush();
        result.push({ type: 'strong', children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if ((char === '*' || char === '_') && !/\s/.test(text.charAt(i + 1)) && opensEmphasis(text, i)) {
      const end = findEmphasisEnd(text, i);
      if (end > i + 1) {
        flush();
        result.push({ type: 'em', children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (char === '[') {
      const link = /^\[([^\]]+)\]\(\s*<?([^\s)>]+)>?(?:\s+"[^"]*")?\s*\)/.exec(rest);
      if (link) {
        flush();
        const children = parseInline(link[1] ?? '');
        const href = link[2] ?? '';
        result.push(...(isSafeHref(href) ? [{ type: 'link' as const, href, children }] : children));
        i += link[0].length;
        continue;
      }
    }
    const autolink = char === '<' ? /^<((?:https?:\/\/|mailto:)[^\s>]+)>/.exec(rest) : null;
    const bare = /[\w]/.test(text.charAt(i - 1)) ? null : BARE_URL.exec(rest);
    const url = autolink?.[1] ?? bare?.[0];
    if (url) {
      flush();
      result.push({ type: 'link', href: url, children: [{ type: 'text', text: url.replace(/^mailto:/, '') }] });
      i += (autolink ?? bare)?.[0].length ?? url.length;
      continue;
    }
    plain += char;
    i += 1;
  }
  flush();
  return result;
}

/** `_` inside words (marketing_email) is a letter, not emphasis. */
function opensEmphasis(text: string, at: number): boolean {
  return text.charAt(at) === '*' || !/[\p{L}\p{N}]/u.test(text.charAt(at - 1));
}

function findEmphasisEnd(text: string, from: number): number {
  const marker = text.charAt(from);
  for (let i = from + 1; i < text.length; i += 1) {
    if (text.charAt(i) !== marker || /\s/.test(text.charAt(i - 1))) continue;
    if (marker === '_' && /[\p{L}\p{N}]/u.test(text.charAt(i + 1))) continue;
    if (text.charAt(i + 1) === marker) {
      i += 1;
      continue;
    }
    return i;
  }
  return -1;
}

/** Only web, mail and same-site links; `javascript:` and friends are shown as plain text. */
export function isSafeHref(href: string): boolean {
  return /^(https?:|mailto:)/i.test(href) || isSameSitePath(href) || href.startsWith('#');
}

function mergeText(inlines: Inline[]): Inline[] {
  const merged: Inline[] = [];
  for (const inline of inlines) {
    const last = merged[merged.length - 1];
    if (inline.type === 'text' && last?.type === 'text') last.text += inline.text;
    else merged.push(inline);
  }
  return merged;
}
