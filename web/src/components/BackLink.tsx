/** The "‹ Settings" link at the top of a sub-page, as phones show it. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Icon } from './Icon';

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="page__back">
      <Icon name="chevronLeft" size={18} />
      {children}
    </Link>
  );
}
