import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeHref, parseInline, parseMarkdown, type Block, type Inline } from './markdownParser';

const ORIGIN = 'https://airtalk.example';

const text = (value: string): Inline => ({ type: 'text', text: value });
const paragraph = (...children: Inline[]): Block => ({ type: 'paragraph', children });

/** Every inline in the tree, however deeply nested in blocks, lists, quotes, tables, strong or links. */
function allInlines(blocks: Block[]): Inline[] {
  const fromInlines = (inlines: Inline[]): Inline[] =>
    inlines.flatMap((inline) =>
      inline.type === 'strong' || inline.type === 'em' || inline.type === 'link'
        ? [inline, ...fromInlines(inline.children)]
        : [inline],
    );
  return blocks.flatMap((block): Inline[] => {
    switch (block.type) {
      case 'heading':
      case 'paragraph':
        return fromInlines(block.children);
      case 'list':
        return block.items.flatMap(allInlines);
      case 'quote':
        return allInlines(block.children);
      case 'table':
        return [...block.head, ...block.rows.flat()].flatMap(fromInlines);
      case 'rule':
      case 'code':
        return [];
    }
  });
}

const linksIn = (blocks: Block[]) =>
  allInlines(blocks).flatMap((inline) => (inline.type === 'link' ? [inline.href] : []));

/** Markdown made of pieces that tend to build links, markup and HTML, to look for unsafe links. */
const markdownish = fc
  .array(
    fc.constantFrom(
      '[x](',
      '[',
      ']',
      '(',
      ')',
      '<',
      '>',
      '"',
      ' ',
      '\n',
      '\n\n',
      '\t',
      '\\',
      '/',
      '//',
      ':',
      '#',
      '*',
      '_',
      '`',
      '|',
      '- ',
      '1. ',
      '> ',
      'javascript:',
      'JaVaScRiPt:',
      'vbscript:',
      'data:',
      'text/html,',
      'alert(1)',
      'https://',
      'http:',
      'mailto:',
      'evil.com',
      '<script>',
      '&#58;',
      '%3A',
    ),
    { maxLength: 30 },
  )
  .map((pieces) => pieces.join(''));

describe('parseMarkdown: blocks', () => {
  it('reads headings of every level, without closing hashes', () => {
    expect(parseMarkdown('# One\n## Two ##\n### Three\n#### Four\n##### Five\n###### Six')).toEqual([
      { type: 'heading', level: 1, children: [text('One')] },
      { type: 'heading', level: 2, children: [text('Two')] },
      { type: 'heading', level: 3, children: [text('Three')] },
      { type: 'heading', level: 4, children: [text('Four')] },
      { type: 'heading', level: 5, children: [text('Five')] },
      { type: 'heading', level: 6, children: [text('Six')] },
    ]);
  });

  it('treats seven hashes, or hashes without a space, as text', () => {
    expect(parseMarkdown('####### seven')).toEqual([paragraph(text('####### seven'))]);
    expect(parseMarkdown('#hashtag')).toEqual([paragraph(text('#hashtag'))]);
  });

  it('keeps inline markup inside headings', () => {
    expect(parseMarkdown('## Your **rights**')).toEqual([
      { type: 'heading', level: 2, children: [text('Your '), { type: 'strong', children: [text('rights')] }] },
    ]);
  });

  it('splits paragraphs on blank lines and joins their lines with a space', () => {
    expect(parseMarkdown('First line\nsecond line.\n\nNext paragraph.')).toEqual([
      paragraph(text('First line second line.')),
      paragraph(text('Next paragraph.')),
    ]);
  });

  it('keeps hard line breaks written with two spaces or a backslash', () => {
    expect(parseMarkdown('one  \ntwo\\\nthree')).toEqual([
      paragraph(text('one'), { type: 'break' }, text('two'), { type: 'break' }, text('three')),
    ]);
  });

  it('reads Windows and old Mac line endings', () => {
    expect(parseMarkdown('# Title\r\nText\r\rMore')).toEqual([
      { type: 'heading', level: 1, children: [text('Title')] },
      paragraph(text('Text')),
      paragraph(text('More')),
    ]);
  });

  it('returns nothing for empty or blank input', () => {
    expect(parseMarkdown('')).toEqual([]);
    expect(parseMarkdown('   \n\n\t\n')).toEqual([]);
  });

  it('ends a paragraph where a heading or list starts', () => {
    expect(parseMarkdown('Text\n# Heading\nMore\n- item')).toEqual([
      paragraph(text('Text')),
      { type: 'heading', level: 1, children: [text('Heading')] },
      paragraph(text('More')),
      { type: 'list', ordered: false, start: 1, items: [[paragraph(text('item'))]] },
    ]);
  });

  it('reads unordered lists with any bullet', () => {
    for (const bullet of ['-', '*', '+']) {
      expect(parseMarkdown(`${bullet} a\n${bullet} b`)).toEqual([
        { type: 'list', ordered: false, start: 1, items: [[paragraph(text('a'))], [paragraph(text('b'))]] },
      ]);
    }
  });

  it('reads ordered lists and keeps their first number', () => {
    expect(parseMarkdown('1. one\n2. two')).toEqual([
      { type: 'list', ordered: true, start: 1, items: [[paragraph(text('one'))], [paragraph(text('two'))]] },
    ]);
    expect(parseMarkdown('3) three\n4) four')).toEqual([
      { type: 'list', ordered: true, start: 3, items: [[paragraph(text('three'))], [paragraph(text('four'))]] },
    ]);
  });

  it('nests indented lists inside their item', () => {
    expect(parseMarkdown('- a\n- b\n  - nested\n  - again\n- c')).toEqual([
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [
          [paragraph(text('a'))],
          [
            paragraph(text('b')),
            {
              type: 'list',
              ordered: false,
              start: 1,
              items: [[paragraph(text('nested'))], [paragraph(text('again'))]],
            },
          ],
          [paragraph(text('c'))],
        ],
      },
    ]);
  });

  it('nests an ordered list in an unordered one', () => {
    expect(parseMarkdown('- a\n  1. first\n  2. second')).toEqual([
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [
          [
            paragraph(text('a')),
            {
              type: 'list',
              ordered: true,
              start: 1,
              items: [[paragraph(text('first'))], [paragraph(text('second'))]],
            },
          ],
        ],
      },
    ]);
  });

  it('keeps a loose list together across blank lines and continues lazy lines', () => {
    expect(parseMarkdown('- a\n\n- b\ncontinued\n\nAfter.')).toEqual([
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [[paragraph(text('a'))], [paragraph(text('b continued'))]],
      },
      paragraph(text('After.')),
    ]);
  });

  it('starts a new list when the kind of list changes', () => {
    expect(parseMarkdown('- a\n1. b')).toEqual([
      { type: 'list', ordered: false, start: 1, items: [[paragraph(text('a'))]] },
      { type: 'list', ordered: true, start: 1, items: [[paragraph(text('b'))]] },
    ]);
  });

  it('reads quotes, rules, fenced code and tables', () => {
    expect(
      parseMarkdown('> quoted\n> more\n\n---\n\n```\n# not a heading\n**raw**\n```\n\n| a | b |\n|---|:-:|\n| 1 | 2 |'),
    ).toEqual([
      { type: 'quote', children: [paragraph(text('quoted more'))] },
      { type: 'rule' },
      { type: 'code', text: '# not a heading\n**raw**' },
      {
        type: 'table',
        head: [[text('a')], [text('b')]],
        rows: [[[text('1')], [text('2')]]],
      },
    ]);
  });

  it('reads rules written with stars or underscores', () => {
    expect(parseMarkdown('***')).toEqual([{ type: 'rule' }]);
    expect(parseMarkdown('_ _ _')).toEqual([{ type: 'rule' }]);
  });

  it('keeps escaped pipes inside table cells', () => {
    expect(parseMarkdown('| a \\| b | c |\n|---|---|')).toEqual([
      { type: 'table', head: [[text('a | b')], [text('c')]], rows: [] },
    ]);
  });

  it('reads an unclosed fence to the end of the document', () => {
    expect(parseMarkdown('~~~\ncode\nmore')).toEqual([{ type: 'code', text: 'code\nmore' }]);
  });
});

describe('parseInline', () => {
  it('reads bold with stars and underscores', () => {
    expect(parseInline('a **b** c __d__')).toEqual([
      text('a '),
      { type: 'strong', children: [text('b')] },
      text(' c '),
      { type: 'strong', children: [text('d')] },
    ]);
  });

  it('reads italics with stars and underscores', () => {
    expect(parseInline('*a* and _b_')).toEqual([
      { type: 'em', children: [text('a')] },
      text(' and '),
      { type: 'em', children: [text('b')] },
    ]);
  });

  it('nests italics inside bold', () => {
    expect(parseInline('**bold *and italic* text**')).toEqual([
      { type: 'strong', children: [text('bold '), { type: 'em', children: [text('and italic')] }, text(' text')] },
    ]);
  });

  it('leaves underscores inside words alone', () => {
    expect(parseInline('marketing_email and snake_case_name')).toEqual([text('marketing_email and snake_case_name')]);
  });

  it('leaves markers that open or close on a space as text', () => {
    expect(parseInline('2 * 3 * 4')).toEqual([text('2 * 3 * 4')]);
    expect(parseInline('** not bold **')).toEqual([text('** not bold **')]);
  });

  it('reads inline code without reading markup inside it', () => {
    expect(parseInline('run `**x** <b>` now')).toEqual([
      text('run '),
      { type: 'code', text: '**x** <b>' },
      text(' now'),
    ]);
  });

  it('honours backslash escapes', () => {
    expect(parseInline('\\*not italic\\* \\[not a link\\](/x) \\\\')).toEqual([
      text('*not italic* [not a link](/x) \\'),
    ]);
  });

  it('reads links with web, mail, same-site and fragment targets', () => {
    expect(parseInline('[site](https://example.com/a?b=c)')).toEqual([
      { type: 'link', href: 'https://example.com/a?b=c', children: [text('site')] },
    ]);
    expect(parseInline('[plain](http://example.com)')).toEqual([
      { type: 'link', href: 'http://example.com', children: [text('plain')] },
    ]);
    expect(parseInline('[mail](mailto:privacy@example.com)')).toEqual([
      { type: 'link', href: 'mailto:privacy@example.com', children: [text('mail')] },
    ]);
    expect(parseInline('[settings](/settings/privacy)')).toEqual([
      { type: 'link', href: '/settings/privacy', children: [text('settings')] },
    ]);
    expect(parseInline('[below](#rights)')).toEqual([{ type: 'link', href: '#rights', children: [text('below')] }]);
  });

  it('reads link text markup, angle-bracketed targets and titles', () => {
    expect(parseInline('[**bold** link](<https://example.com> "Title")')).toEqual([
      {
        type: 'link',
        href: 'https://example.com',
        children: [{ type: 'strong', children: [text('bold')] }, text(' link')],
      },
    ]);
  });

  it('turns autolinks and bare web addresses into links', () => {
    expect(parseInline('see <https://example.com/x> or <mailto:dpo@example.com>')).toEqual([
      text('see '),
      { type: 'link', href: 'https://example.com/x', children: [text('https://example.com/x')] },
      text(' or '),
      { type: 'link', href: 'mailto:dpo@example.com', children: [text('dpo@example.com')] },
    ]);
    expect(parseInline('Visit https://example.com/policy. Thanks')).toEqual([
      text('Visit '),
      { type: 'link', href: 'https://example.com/policy', children: [text('https://example.com/policy')] },
      text('. Thanks'),
    ]);
  });

  it('does not link a web address glued to a word', () => {
    expect(parseInline('xhttps://example.com')).toEqual([text('xhttps://example.com')]);
  });
});

describe('parseMarkdown: no raw HTML', () => {
  it('keeps a script element as plain text', () => {
    expect(parseMarkdown('<script>alert(1)</script>')).toEqual([paragraph(text('<script>alert(1)</script>'))]);
  });

  it('keeps other HTML as plain text, in paragraphs, headings, lists and code', () => {
    expect(parseMarkdown('<img src=x onerror="alert(1)">')).toEqual([
      paragraph(text('<img src=x onerror="alert(1)">')),
    ]);
    expect(parseMarkdown('# <b>bold</b>')).toEqual([{ type: 'heading', level: 1, children: [text('<b>bold</b>')] }]);
    expect(parseMarkdown('- <iframe src="evil.html"></iframe>')).toEqual([
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [[paragraph(text('<iframe src="evil.html"></iframe>'))]],
      },
    ]);
    expect(parseMarkdown('```\n<script>alert(1)</script>\n```')).toEqual([
      { type: 'code', text: '<script>alert(1)</script>' },
    ]);
  });

  it('only ever produces the known node types', () => {
    const blockTypes = new Set(['heading', 'paragraph', 'list', 'quote', 'rule', 'code', 'table']);
    const inlineTypes = new Set(['text', 'strong', 'em', 'code', 'link', 'break']);
    const allBlocks = (blocks: Block[]): Block[] =>
      blocks.flatMap((block) => [
        block,
        ...(block.type === 'list' ? block.items.flatMap(allBlocks) : []),
        ...(block.type === 'quote' ? allBlocks(block.children) : []),
      ]);
    fc.assert(
      fc.property(markdownish, (source) => {
        const blocks = parseMarkdown(source);
        for (const block of allBlocks(blocks)) expect(blockTypes.has(block.type)).toBe(true);
        for (const inline of allInlines(blocks)) expect(inlineTypes.has(inline.type)).toBe(true);
      }),
    );
  });
});

describe('parseMarkdown: no unsafe links', () => {
  it('shows a javascript: link as its text only', () => {
    const blocks = parseMarkdown('[x](javascript:alert(1))');
    expect(linksIn(blocks)).toEqual([]);
    expect(allInlines(blocks).some((inline) => inline.type === 'text' && inline.text.startsWith('x'))).toBe(true);
    expect(JSON.stringify(blocks)).not.toContain('javascript');
  });

  it.each([
    '[x](JavaScript:alert(1))',
    '[x](javascript:alert%281%29)',
    '[x](<javascript:alert(1)>)',
    '[x]( javascript:alert(1))',
    '[x](vbscript:msgbox(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](data:text/html,<script>alert(1)</script>)',
    '[x](file:///etc/passwd)',
    '[x](//evil.com)',
    '[x](evil.com)',
    '[x](java\tscript:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '<javascript:alert(1)>',
    '<data:text/html,x>',
    'javascript:alert(1)',
  ])('makes no link of %s', (source) => {
    expect(linksIn(parseMarkdown(source))).toEqual([]);
  });

  it('drops the unsafe target of a data: link but keeps its text', () => {
    expect(parseMarkdown('[x](data:text/html;base64,PHNjcmlwdD4=)')).toEqual([paragraph(text('x'))]);
  });

  it('keeps unsafe links found in lists, quotes, headings and tables as text too', () => {
    const source = [
      '# [h](javascript:alert(1))',
      '- [l](javascript:alert(1))',
      '> [q](data:text/html,x)',
      '',
      '| [t](javascript:alert(1)) |',
      '|---|',
      '| [r](vbscript:x) |',
    ].join('\n');
    expect(linksIn(parseMarkdown(source))).toEqual([]);
  });

  it('only ever links to web, mail, same-site or fragment targets', () => {
    fc.assert(
      fc.property(markdownish, (source) => {
        for (const href of linksIn(parseMarkdown(source))) {
          expect(isSafeHref(href)).toBe(true);
          // A target no URL parser accepts (such as "https://[x") goes nowhere.
          const url = URL.canParse(href, ORIGIN) ? new URL(href, ORIGIN) : undefined;
          if (url) expect(['http:', 'https:', 'mailto:']).toContain(url.protocol);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('isSafeHref', () => {
  it.each([
    'https://example.com',
    'HTTPS://EXAMPLE.COM',
    'http://example.com',
    'mailto:a@example.com',
    '/privacy',
    '#top',
  ])('accepts %s', (href) => {
    expect(isSafeHref(href)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'vbscript:x',
    'data:text/html,x',
    'file:///etc/passwd',
    '//evil.com',
    'evil.com',
    'ftp://example.com',
    '',
  ])('rejects %s', (href) => {
    expect(isSafeHref(href)).toBe(false);
  });
});

describe('links that browsers would read as another host', () => {
  it('does not link /\\evil.com', () => {
    expect(parseInline('[x](/\\evil.com)')).toEqual([{ type: 'text', text: 'x' }]);
  });
});
