/**
 * Grouped lists in the style of a phone's settings: a titled card of rows, each row with an
 * optional icon, a title, a subtitle and something at the end. A row with `to` is a link.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Icon } from './Icon';
import './ListItem.css';

interface ListProps {
  heading?: ReactNode;
  /** A sentence under the card. */
  footnote?: ReactNode;
  children: ReactNode;
}

export function List({ heading, footnote, children }: ListProps) {
  return (
    <section className="list">
      {heading && <h2 className="list__heading">{heading}</h2>}
      <ul className="list__items">{children}</ul>
      {footnote && <p className="list__footnote">{footnote}</p>}
    </section>
  );
}

interface ListItemProps {
  title: ReactNode;
  subtitle?: ReactNode;
  leading?: ReactNode;
  trailing?: ReactNode;
  /** Makes the whole row a link to this route. */
  to?: string;
}

export function ListItem({ title, subtitle, leading, trailing, to }: ListItemProps) {
  const content = (
    <>
      {leading && <span className="list-item__leading">{leading}</span>}
      <span className="list-item__text">
        <span className="list-item__title">{title}</span>
        {subtitle && <span className="list-item__subtitle">{subtitle}</span>}
      </span>
      {trailing && <span className="list-item__trailing">{trailing}</span>}
      {to && <Icon name="chevronRight" className="list-item__chevron" />}
    </>
  );
  return (
    <li className="list-item">
      {to ? (
        <Link to={to} className="list-item__body list-item__body--link">
          {content}
        </Link>
      ) : (
        <div className="list-item__body">{content}</div>
      )}
    </li>
  );
}

/** A round tinted square behind a row's icon. */
export function ListIcon({ children, tone = 'brand' }: { children: ReactNode; tone?: 'brand' | 'neutral' }) {
  return <span className={`list-icon list-icon--${tone}`}>{children}</span>;
}
