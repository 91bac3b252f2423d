/** Names the browser tab after the page, so history, tabs and screen readers say where you are. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { setPageTitle } from './documentTitle';

export function useDocumentTitle(page: string | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    setPageTitle(page ? t('common.pageTitle', { page }) : t('common.appName'));
  }, [page, t]);
}
