/** A highlighted notice inside a page, with an optional action, for things that need the user's attention. */
import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';
import './Banner.css';

interface BannerProps {
  tone?: 'info' | 'warning' | 'success' | 'danger';
  icon?: IconName;
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
}

export function Banner({ tone = 'info', icon = 'alert', title, children, action }: BannerProps) {
  return (
    <section className={`banner banner--${tone}`}>
      <Icon name={icon} className="banner__icon" />
      <div className="banner__text">
        <h2 className="banner__title">{title}</h2>
        {children && <div className="banner__body">{children}</div>}
      </div>
      {action && <div className="banner__action">{action}</div>}
    </section>
  );
}

/** A small pill next to a title, such as "This device". */
export function Badge({ children, tone = 'brand' }: { children: ReactNode; tone?: 'brand' | 'success' }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}
