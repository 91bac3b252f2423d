/** Any address the app does not know. */
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../components';
import { useDocumentTitle } from '../lib';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="page page--narrow empty-page">
      <p className="empty-page__code" aria-hidden="true">
        404
      </p>
      <h1 className="page__title">{t('notFound.title')}</h1>
      <p className="page__lead">{t('notFound.body')}</p>
      <ButtonLink to="/">{t('notFound.home')}</ButtonLink>
    </div>
  );
}
