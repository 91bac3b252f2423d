/** A titled panel for a block of a settings page, such as a form. */
import { useId, type ReactNode } from 'react';
import './Card.css';

interface CardProps {
  heading: ReactNode;
  description?: ReactNode;
  children: ReactNode;
}

export function Card({ heading, description, children }: CardProps) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <header className="card__header">
        <h2 id={headingId} className="card__heading">
          {heading}
        </h2>
        {description && <p className="card__description">{description}</p>}
      </header>
      {children}
    </section>
  );
}
