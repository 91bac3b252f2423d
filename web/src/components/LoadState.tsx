/**
 * What a screen shows while its data loads, when loading failed (with a way to try again), or when
 * there is nothing to show yet.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { Icon, type IconName } from './Icon';
import { Spinner } from './Spinner';
import './LoadState.css';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="load-state" role="status">
      <Spinner size={24} />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export function LoadFailed({ message, detail, onRetry }: { message: string; detail?: string; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="load-state load-state--failed" role="alert">
      <Icon name="alert" size={24} />
      <p className="load-state__message">{message}</p>
      {detail && <p className="load-state__detail">{detail}</p>}
      <Button variant="secondary" size="sm" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </div>
  );
}

interface EmptyStateProps {
  icon: IconName;
  title: ReactNode;
  children?: ReactNode;
}

/** An empty list, said kindly: what would be here, and how it gets here. */
export function EmptyState({ icon, title, children }: EmptyStateProps) {
  return (
    <div className="load-state load-state--empty">
      <span className="load-state__icon">
        <Icon name={icon} size={24} />
      </span>
      <p className="load-state__message">{title}</p>
      {children && <p className="load-state__detail">{children}</p>}
    </div>
  );
}
