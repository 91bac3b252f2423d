/**
 * Shown while the page is live: its address as text anyone can select, a link that opens it in a
 * new tab (it is served outside the app), and "Copy link", which says so when copying fails.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Icon, useToast } from '../../components';

export function PublishedPanel({ address }: { address: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const ids = { heading: useId(), newTab: useId() };

  const copy = async () => {
    try {
      // Missing outside secure contexts and in some embedded browsers: that lands in the catch too.
      await navigator.clipboard.writeText(address);
      toast(t('publicPage.copied'));
    } catch {
      toast(t('publicPage.copyFailed'), 'error');
    }
  };

  return (
    <section className="public-page__live" aria-labelledby={ids.heading}>
      <div className="public-page__live-text">
        <h2 id={ids.heading} className="public-page__live-title">
          <Icon name="globe" size={18} />
          <span>{t('publicPage.liveTitle')}</span>
        </h2>
        <p className="public-page__live-body">{t('publicPage.liveBody')}</p>
        <p className="public-page__url" translate="no">
          {address}
        </p>
      </div>
      <div className="public-page__live-actions">
        <a
          className="button button--primary button--sm"
          href={address}
          target="_blank"
          rel="noopener noreferrer"
          aria-describedby={ids.newTab}
        >
          <Icon name="eye" size={16} />
          <span className="button__label">{t('publicPage.view')}</span>
        </a>
        <span id={ids.newTab} className="visually-hidden">
          {t('publicPage.opensInNewTab')}
        </span>
        <Button variant="secondary" size="sm" icon={<Icon name="fileText" size={16} />} onClick={() => void copy()}>
          {t('publicPage.copy')}
        </Button>
      </div>
    </section>
  );
}
