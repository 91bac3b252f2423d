/**
 * /settings/public-page: a page about me that anyone on the internet may open. Off until I
 * publish; the warning sits right by the switch, and the live address can be opened or copied.
 */
import type { PublicationView } from '@airtalk/contracts';
import { useTranslation } from 'react-i18next';
import { BackLink, LoadFailed, Loading } from '../../components';
import { useDescribeError, useDocumentTitle, useResource } from '../../lib';
import { fetchMyPublication } from './api';
import { PublicationForm } from './PublicationForm';
import { PublishedPanel } from './PublishedPanel';
import { publicPageAddress } from './publication';
import './profiles.css';

/** The address the server gave, or the one this site would give while it has not said. */
const liveAddress = (view: PublicationView): string | null =>
  view.published && view.handle ? (view.url ?? publicPageAddress(window.location.origin, view.handle)) : null;

export function PublicPageSettingsPage() {
  const { t } = useTranslation();
  const describeError = useDescribeError();
  const publication = useResource('my-publication', fetchMyPublication);
  useDocumentTitle(t('publicPage.title'));
  const address = publication.data ? liveAddress(publication.data) : null;

  return (
    <div className="page">
      <BackLink to="/settings">{t('settings.back')}</BackLink>
      <header className="page__header">
        <h1 className="page__title">{t('publicPage.title')}</h1>
        <p className="page__lead">{t('publicPage.lead')}</p>
      </header>
      {publication.data ? (
        <>
          {address && <PublishedPanel address={address} />}
          <PublicationForm
            publication={publication.data}
            onSaved={(saved) => {
              publication.update(() => saved);
            }}
          />
        </>
      ) : publication.loading ? (
        <Loading />
      ) : (
        <LoadFailed
          message={t('publicPage.loadFailed')}
          detail={describeError(publication.error)}
          onRetry={publication.reload}
        />
      )}
    </div>
  );
}
