/**
 * Renders Markdown we publish as React elements (never as HTML). The document's top headings
 * become `topLevel` (h2 under a page's h1) so the outline never skips a level, and a leading
 * heading that repeats the page's title is left out.
 */
import { createElement, useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { parseMarkdown, type Block, type Inline } from './markdownParser';
import './Markdown.css';

interface MarkdownProps {
  source: string;
  /** The page title already shown above; a first heading with the same words is dropped. */
  pageTitle?: string;
  /** The HTML level for the document's highest headings. */
  topLevel?: number;
}

export function Markdown({ source, pageTitle, topLevel = 2 }: MarkdownProps) {
  const blocks = useMemo(() => withoutRepeatedTitle(parseMarkdown(source), pageTitle), [source, pageTitle]);
  const scale = { highest: highestHeadingLevel(blocks), topLevel };
  return <div className="markdown">{renderBlocks(blocks, scale)}</div>;
}

function highestHeadingLevel(blocks: Block[]): number {
  const levels = blocks.flatMap((block) => (block.type === 'heading' ? [block.level] : []));
  return levels.length > 0 ? Math.min(...levels) : 1;
}

function withoutRepeatedTitle(blocks: Block[], pageTitle: string | undefined): Block[] {
  const [first, ...rest] = blocks;
  if (first?.type === 'heading' && pageTitle && plainText(first.children).trim() === pageTitle.trim()) return rest;
  return blocks;
}

function plainText(inlines: Inline[]): string {
  return inlines
    .map((inline) => {
      switch (inline.type) {
        case 'text':
        case 'code':
          return inline.text;
        case 'strong':
        case 'em':
        case 'link':
          return plainText(inline.children);
        case 'break':
          return ' ';
      }
    })
    .join('');
}

/** Maps Markdown heading levels to HTML ones: the document's highest level becomes `topLevel`. */
interface HeadingScale {
  highest: number;
  topLevel: number;
}

function renderBlocks(blocks: Block[], scale: HeadingScale): ReactNode[] {
  return blocks.map((block, index) => renderBlock(block, index, scale));
}

function renderBlock(block: Block, key: number, scale: HeadingScale): ReactNode {
  switch (block.type) {
    case 'heading': {
      // The look follows the heading's rank in the document, whatever HTML level it lands on.
      const rank = Math.min(block.level - scale.highest + 1, 3);
      const level = Math.max(1, Math.min(block.level - scale.highest + scale.topLevel, 6));
      return createElement(
        `h${level}`,
        { key, className: `markdown__heading markdown__heading--${rank}` },
        renderInlines(block.children),
      );
    }
    case 'paragraph':
      return <p key={key}>{renderInlines(block.children)}</p>;
    case 'list': {
      const items = block.items.map((item, index) => <li key={index}>{renderListItem(item, scale)}</li>);
      return block.ordered ? (
        <ol key={key} start={block.start === 1 ? undefined : block.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'quote':
      return <blockquote key={key}>{renderBlocks(block.children, scale)}</blockquote>;
    case 'rule':
      return <hr key={key} />;
    case 'code':
      return (
        <pre key={key}>
          <code>{block.text}</code>
        </pre>
      );
    case 'table':
      return (
        <div key={key} className="markdown__table">
          <table>
            <thead>
              <tr>
                {block.head.map((cell, index) => (
                  <th key={index} scope="col">
                    {renderInlines(cell)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {row.map((cell, index) => (
                    <td key={index}>{renderInlines(cell)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

/** A list item holding one paragraph is written inline, as a tight list reads. */
function renderListItem(blocks: Block[], scale: HeadingScale): ReactNode {
  const [only] = blocks;
  if (blocks.length === 1 && only?.type === 'paragraph') return renderInlines(only.children);
  return renderBlocks(blocks, scale);
}

function renderInlines(inlines: Inline[]): ReactNode[] {
  return inlines.map((inline, key) => {
    switch (inline.type) {
      case 'text':
        return inline.text;
      case 'strong':
        return <strong key={key}>{renderInlines(inline.children)}</strong>;
      case 'em':
        return <em key={key}>{renderInlines(inline.children)}</em>;
      case 'code':
        return <code key={key}>{inline.text}</code>;
      case 'break':
        return <br key={key} />;
      case 'link':
        if (inline.href.startsWith('/')) {
          return (
            <Link key={key} to={inline.href}>
              {renderInlines(inline.children)}
            </Link>
          );
        }
        return (
          <a
            key={key}
            href={inline.href}
            {...(inline.href.startsWith('#') ? {} : { target: '_blank', rel: 'noopener noreferrer' })}
          >
            {renderInlines(inline.children)}
          </a>
        );
    }
  });
}
