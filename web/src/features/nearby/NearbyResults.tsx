/**
 * The nearby grid: the first page for the current filters, more pages on "Load more", and what to
 * do when there is no one. Refusals that mean "not set up" (no consent, no location, hidden) go to
 * the page, which shows the way forward instead of the grid.
 */
import type { NearbyPageView, NearbyPersonView } from '@airtalk/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, EmptyState, Icon, LoadFailed, Loading, useToast } from '../../components';
import { isApiError, useDescribeError, useResource } from '../../lib';
import { fetchNearby } from './api';
import { activeFilterCount, filtersToSearch, type NearbyFilters } from './filters';
import type { GateErrorCode } from './gate';
import { PersonCard } from './PersonCard';

interface NearbyResultsProps {
  filters: NearbyFilters;
  /** Changes when the list must start again (a new location, say). */
  revision: number;
  onGateError: (code: GateErrorCode) => void;
  onClearFilters: () => void;
}

interface MorePages {
  key: string;
  people: NearbyPersonView[];
  nextCursor: string | null;
  /** How many the last "Load more" added, to announce. */
  added: number;
}

function gateErrorOf(error: unknown): GateErrorCode | null {
  if (!isApiError(error)) return null;
  const { code } = error;
  return code === 'NEARBY_HIDDEN' || code === 'CONSENT_REQUIRED' || code === 'LOCATION_REQUIRED' ? code : null;
}

/** Appends a page, leaving out anyone already shown (a person can move between bands between pages). */
function appendPage(people: readonly NearbyPersonView[], page: NearbyPageView): NearbyPersonView[] {
  const seen = new Set(people.map((person) => person.userId));
  return [...people, ...page.people.filter((person) => !seen.has(person.userId))];
}

export function NearbyResults({ filters, revision, onGateError, onClearFilters }: NearbyResultsProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const describeError = useDescribeError();
  const key = `nearby:${revision}:${filtersToSearch(filters).toString()}`;
  const first = useResource(key, (signal) => fetchNearby(filters, null, signal));
  const [more, setMore] = useState<MorePages | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const gateError = gateErrorOf(first.error);

  useEffect(() => {
    if (gateError) onGateError(gateError);
  }, [gateError, onGateError]);

  // Pages loaded for other filters are thrown away: new filters start from the first page.
  const extra = more?.key === key ? more : null;
  const people = first.data ? (extra?.people ?? first.data.people) : [];
  const nextCursor = extra ? extra.nextCursor : (first.data?.nextCursor ?? null);

  const announcement = extra
    ? t('nearby.results.loadedMore', { count: extra.added })
    : t('nearby.results.showing', { count: people.length });

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await fetchNearby(filters, nextCursor);
      const next = appendPage(people, page);
      setMore({ key, people: next, nextCursor: page.nextCursor, added: next.length - people.length });
    } catch (error) {
      const code = gateErrorOf(error);
      if (code) onGateError(code);
      else toast(`${t('nearby.results.loadMoreFailed')} ${describeError(error)}`, 'error');
    } finally {
      setLoadingMore(false);
    }
  };

  if (gateError) return <Loading />;
  if (isApiError(first.error) && first.error.code === 'ACCOUNT_UNDER_REVIEW') {
    return (
      <div className="nearby-gate" role="alert">
        <span className="nearby-gate__icon">
          <Icon name="shield" size={28} />
        </span>
        <p className="nearby-gate__title">{t('nearby.review.title')}</p>
        <p className="nearby-gate__body">{t('nearby.review.body')}</p>
      </div>
    );
  }
  if (!first.data) {
    return first.loading ? (
      <Loading />
    ) : (
      <LoadFailed message={t('nearby.results.loadFailed')} detail={describeError(first.error)} onRetry={first.reload} />
    );
  }

  const filtered = activeFilterCount(filters) > 0;
  return (
    <>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {people.length === 0 ? (
        <div className="nearby-empty">
          <EmptyState
            icon="users"
            title={filtered ? t('nearby.results.emptyFilteredTitle') : t('nearby.results.emptyTitle')}
          >
            {filtered ? t('nearby.results.emptyFilteredBody') : t('nearby.results.emptyBody')}
          </EmptyState>
          {filtered && (
            <Button variant="secondary" icon={<Icon name="close" size={18} />} onClick={onClearFilters}>
              {t('nearby.filters.clear')}
            </Button>
          )}
        </div>
      ) : (
        <>
          <ul className="people-grid">
            {people.map((person) => (
              <PersonCard key={person.userId} person={person} />
            ))}
          </ul>
          {nextCursor ? (
            <Button
              variant="secondary"
              className="people-grid__more"
              loading={loadingMore}
              onClick={() => void loadMore()}
            >
              {t('nearby.results.loadMore')}
            </Button>
          ) : (
            <p className="people-grid__end">{t('nearby.results.end')}</p>
          )}
        </>
      )}
    </>
  );
}
