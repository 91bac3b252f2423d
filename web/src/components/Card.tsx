/** A titled panel for a block of a settings page, such as a form. */
import { useId, type ReactNode } from 'react';
import './Card.css';

interface CardProps {
  heading: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  /** Ids for the heading and description, so a group inside can be named and described by them. */
  headingId?: string;
  descriptionId?: string;
}

export function Card({ heading, description, children, headingId, descriptionId }: CardProps) {
  const ownId = useId();
  const titleId = headingId ?? ownId;
  return (
    <section className="card" aria-labelledby={titleId}>
      <header className="card__header">
        <h2 id={titleId} className="card__heading">
          {heading}
        </h2>
        {description && (
          <p id={descriptionId} className="card__description">
            {description}
          </p>
        )}
      </header>
      {children}
    </section>
  );
}
