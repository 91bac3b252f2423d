/**
 * /nearby: people around me, told only by distance band. Until I am set up, the page shows the way
 * there instead (hidden by my choice, our explanation before the location consent, or sharing a
 * location); then recommendations, the filtered grid, and my location and visibility settings.
 */
import type { MyLocationView, NearbySettings } from '@airtalk/contracts';
import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Button, Icon, LoadFailed, Loading, useToast } from '../../components';
import { isApiError, useDescribeError, useDocumentTitle, useResource } from '../../lib';
import { ActiveFilters } from './ActiveFilters';
import { deleteMyLocation, loadNearbyStatus, putNearbySettings } from './api';
import { activeFilterCount, filtersFromSearch, filtersToSearch, noFilters, type NearbyFilters } from './filters';
import { FiltersSheet } from './FiltersSheet';
import { gateOf, statusAfter, type GateErrorCode } from './gate';
import { HiddenNotice } from './HiddenNotice';
import { LocationBar } from './LocationBar';
import { LocationSetup } from './LocationSetup';
import { NearbyResults } from './NearbyResults';
import { NearbySettingsSheet, type SettingName } from './NearbySettingsSheet';
import { Recommendations } from './Recommendations';
import { useRefocus } from './useRefocus';
import './nearby.css';

const NO_LOCATION: MyLocationView = { shared: false, source: null, cityId: null, updatedAt: null };

/** Failures that say when or how to try again are worth showing as they are. */
const isPassingTrouble = (error: unknown) =>
  isApiError(error) &&
  (error.code === 'RATE_LIMITED' || error.code === 'SERVER_BUSY' || error.code === 'NETWORK_FAILED');

export function NearbyPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const describeError = useDescribeError();
  const status = useResource('nearby:status', loadNearbyStatus);
  const { update: updateStatus } = status;
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(searchParams), [searchParams]);
  const [revision, setRevision] = useState(0);
  const [changing, setChanging] = useState(false);
  const [acted, setActed] = useState(false);
  const [sheet, setSheet] = useState<'settings' | 'filters' | null>(null);
  const [filtersKey, setFiltersKey] = useState(0);
  const [saving, setSaving] = useState<SettingName | null>(null);
  const [stopping, setStopping] = useState(false);
  const refocus = useRefocus();
  const titleId = useId();
  const resultsId = useId();
  const filtersButtonId = useId();
  useDocumentTitle(t('nearby.title'));

  const data = status.data;
  const gate = data ? gateOf(data) : null;
  const filterCount = activeFilterCount(filters);

  const setFilters = (next: NearbyFilters) => {
    setSearchParams(filtersToSearch(next), { replace: true });
  };

  const onGateError = useCallback(
    (code: GateErrorCode) => {
      setActed(true);
      updateStatus((current) => statusAfter(current, code));
    },
    [updateStatus],
  );

  const locationSaved = (location: MyLocationView) => {
    updateStatus((current) => ({ ...current, consentGranted: true, location }));
    setChanging(false);
    setRevision((current) => current + 1);
    toast(t('nearby.setup.saved'));
    refocus(resultsId);
  };

  const toggle = async (name: SettingName, value: boolean) => {
    if (!data) return;
    const before = data.settings;
    const next: NearbySettings = { ...before, [name]: value };
    setActed(true);
    setSaving(name);
    updateStatus((current) => ({ ...current, settings: next }));
    try {
      const saved = await putNearbySettings(next);
      // Hiding deletes the stored location on the server, so showing again starts without one.
      updateStatus((current) => ({
        ...current,
        settings: saved,
        location: saved.showInNearby ? current.location : NO_LOCATION,
      }));
      if (name === 'showInNearby') {
        toast(saved.showInNearby ? t('nearby.settings.shown') : t('nearby.settings.hidden'));
      } else {
        toast(saved.hideDistance ? t('nearby.settings.distanceHidden') : t('nearby.settings.distanceShown'));
      }
    } catch (error) {
      updateStatus((current) => ({ ...current, settings: before }));
      toast(isPassingTrouble(error) ? describeError(error) : t('nearby.settings.saveFailed'), 'error');
    } finally {
      setSaving(null);
    }
  };

  const stopSharing = async () => {
    setStopping(true);
    try {
      await deleteMyLocation();
      setActed(true);
      setChanging(false);
      setSheet(null);
      updateStatus((current) => ({ ...current, location: NO_LOCATION }));
      toast(t('nearby.settings.stopped'));
    } catch (error) {
      toast(describeError(error), 'error');
    } finally {
      setStopping(false);
    }
  };

  const closeSheet = () => {
    setSheet(null);
    // The settings may have taken away the button that opened them (hiding, say).
    refocus(titleId);
  };

  const renderBody = () => {
    if (!data) {
      return status.loading ? (
        <Loading />
      ) : (
        <LoadFailed
          message={t('nearby.settings.loadFailed')}
          detail={describeError(status.error)}
          onRetry={status.reload}
        />
      );
    }
    if (gate === 'hidden') {
      return (
        <HiddenNotice
          busy={saving === 'showInNearby'}
          focusOnMount={acted}
          onShow={() => void toggle('showInNearby', true)}
        />
      );
    }
    if (gate !== 'ready') {
      return (
        <LocationSetup
          key="first"
          consentGranted={data.consentGranted}
          mode="first"
          focusOnMount={acted}
          onSaved={locationSaved}
        />
      );
    }
    return (
      <>
        <LocationBar
          location={data.location}
          onOpenSettings={() => {
            setSheet('settings');
          }}
        />
        {changing ? (
          <LocationSetup
            key="change"
            consentGranted={data.consentGranted}
            mode="change"
            focusOnMount
            onSaved={locationSaved}
            onCancel={() => {
              setChanging(false);
              refocus(resultsId);
            }}
          />
        ) : (
          <>
            <Recommendations revision={revision} />
            <section className="nearby__results" aria-labelledby={resultsId}>
              <div className="nearby-toolbar">
                <h2 id={resultsId} tabIndex={-1} className="nearby__heading">
                  {t('nearby.results.heading')}
                </h2>
                <Button
                  id={filtersButtonId}
                  variant="secondary"
                  size="sm"
                  icon={<Icon name="sliders" size={16} />}
                  onClick={() => {
                    setFiltersKey((current) => current + 1);
                    setSheet('filters');
                  }}
                >
                  {t('nearby.filters.open')}
                  {filterCount > 0 && (
                    <span className="nearby-toolbar__count" aria-hidden="true">
                      {filterCount}
                    </span>
                  )}
                </Button>
              </div>
              <ActiveFilters
                filters={filters}
                onChange={(next) => {
                  setFilters(next);
                  refocus(filtersButtonId);
                }}
              />
              <NearbyResults
                filters={filters}
                revision={revision}
                onGateError={onGateError}
                onClearFilters={() => {
                  setFilters(noFilters);
                  refocus(filtersButtonId);
                }}
              />
            </section>
          </>
        )}
      </>
    );
  };

  return (
    <div className="page nearby">
      <header className="page__header">
        <h1 id={titleId} tabIndex={-1} className="page__title">
          {t('nearby.title')}
        </h1>
        <p className="page__lead">{t('nearby.lead')}</p>
      </header>
      {renderBody()}
      {data && (
        <>
          <NearbySettingsSheet
            open={sheet === 'settings'}
            onClose={closeSheet}
            location={data.location}
            settings={data.settings}
            saving={saving}
            stopping={stopping}
            onToggle={(name, value) => void toggle(name, value)}
            onChangeLocation={() => {
              setActed(true);
              setSheet(null);
              setChanging(true);
            }}
            onStopSharing={() => void stopSharing()}
          />
          <FiltersSheet
            key={filtersKey}
            open={sheet === 'filters'}
            filters={filters}
            onClose={() => {
              setSheet(null);
            }}
            onApply={(next) => {
              setFilters(next);
              setSheet(null);
            }}
          />
        </>
      )}
    </div>
  );
}
