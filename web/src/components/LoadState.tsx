/** What a screen shows while its data loads, or when loading failed (with a way to try again). */
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { Icon } from './Icon';
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
