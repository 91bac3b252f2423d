/** What a page shows if it crashes while rendering: an apology and a reload, with the shell still around it. */
import { useTranslation } from 'react-i18next';
import { Button } from '../components';

export function RouteErrorPage() {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow empty-page" role="alert">
      <h1 className="page__title">{t('errors.crashTitle')}</h1>
      <p className="page__lead">{t('errors.crashBody')}</p>
      <Button
        onClick={() => {
          window.location.reload();
        }}
      >
        {t('errors.reload')}
      </Button>
    </div>
  );
}
