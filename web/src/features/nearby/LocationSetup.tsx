/**
 * Sharing a location, our way: first our own plain explanation, then the person chooses. "Use my
 * location" grants the consent, and only then opens the browser's prompt; if the browser says no
 * (or cannot), the city picker takes over. "Pick a city instead" never opens the browser's prompt:
 * the consent is granted when the city is confirmed.
 */
import { cities, cityIds, translateFieldMessage, type CityId, type MyLocationView } from '@airtalk/contracts';
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, FormAlert, Icon, SelectField, type IconName } from '../../components';
import { useLanguage } from '../../i18n';
import { isApiError, showErrorsAndFocus, useDescribeError } from '../../lib';
import { grantLocationConsent, putMyLocation } from './api';
import { currentPosition, isGeolocationFailure } from './geolocation';

const POINTS = [
  { key: 'area', icon: 'mapPin' },
  { key: 'band', icon: 'eyeOff' },
  { key: 'stop', icon: 'trash' },
] as const satisfies readonly { key: string; icon: IconName }[];

const isCityId = (value: string): value is CityId => Object.hasOwn(cities, value);

interface LocationSetupProps {
  /** The location consent is already granted, so choosing does not ask for it again. */
  consentGranted: boolean;
  /** "first": the explanation before anything is shared; "change": a new place for someone already sharing. */
  mode: 'first' | 'change';
  /** Moves focus to the heading when it appears after something the person did. */
  focusOnMount: boolean;
  onSaved: (location: MyLocationView) => void;
  onCancel?: () => void;
}

type Busy = 'locating' | 'saving' | null;

export function LocationSetup({ consentGranted, mode, focusOnMount, onSaved, onCancel }: LocationSetupProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const describeError = useDescribeError();
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [step, setStep] = useState<'choose' | 'city'>('choose');
  const [busy, setBusy] = useState<Busy>(null);
  const [granted, setGranted] = useState(consentGranted);
  const [cityId, setCityId] = useState<CityId | ''>('');
  const [cityError, setCityError] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (focusOnMount) headingRef.current?.focus();
  }, [focusOnMount]);

  const ensureConsent = async () => {
    if (granted || consentGranted) return;
    await grantLocationConsent();
    setGranted(true);
  };

  const shareDevice = async () => {
    setError(null);
    setNotice(null);
    setBusy('locating');
    try {
      await ensureConsent();
      let position: { lat: number; lng: number };
      try {
        position = await currentPosition();
      } catch (failure) {
        if (!isGeolocationFailure(failure)) throw failure;
        // The browser said no or could not tell: a city works without asking it anything.
        setBusy(null);
        setNotice(t(`nearby.setup.deviceFailed.${failure.problem}`));
        setStep('city');
        return;
      }
      setBusy('saving');
      onSaved(await putMyLocation(position));
    } catch (failure) {
      setBusy(null);
      setError(describeError(failure));
    }
  };

  const shareCity = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setError(null);
    if (cityId === '') {
      showErrorsAndFocus(form, () => {
        setCityError(translateFieldMessage('location.unknownCity', language));
      });
      return;
    }
    setBusy('saving');
    try {
      await ensureConsent();
      onSaved(await putMyLocation({ cityId }));
    } catch (failure) {
      setBusy(null);
      // The server's field message, already in our language, belongs under the city.
      const fieldMessage = isApiError(failure) ? Object.values(failure.fields)[0] : undefined;
      if (fieldMessage) {
        showErrorsAndFocus(form, () => {
          setCityError(fieldMessage);
        });
      } else setError(describeError(failure));
    }
  };

  const status = busy === 'locating' ? t('nearby.setup.locating') : busy === 'saving' ? t('nearby.setup.saving') : '';

  return (
    <section className="nearby-setup" aria-labelledby={titleId}>
      <div className="nearby-setup__art" aria-hidden="true">
        <span className="nearby-setup__ring nearby-setup__ring--outer" />
        <span className="nearby-setup__ring nearby-setup__ring--inner" />
        <span className="nearby-setup__pin">
          <Icon name="mapPin" size={28} />
        </span>
      </div>
      <h2 id={titleId} ref={headingRef} tabIndex={-1} className="nearby-setup__title">
        {mode === 'change' ? t('nearby.setup.changeTitle') : t('nearby.setup.title')}
      </h2>
      {mode === 'change' ? (
        <p className="nearby-setup__intro">{t('nearby.setup.changeIntro')}</p>
      ) : (
        <>
          <p className="nearby-setup__intro">{t('nearby.setup.intro')}</p>
          <ul className="nearby-setup__points">
            {POINTS.map(({ key, icon }) => (
              <li key={key} className="nearby-setup__point">
                <span className="nearby-setup__point-icon">
                  <Icon name={icon} size={18} />
                </span>
                <span>{t(`nearby.setup.${key}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      {/* Always in the page, so screen readers announce why the city picker took over. */}
      <div className="nearby-setup__live" role="status">
        {notice && step === 'city' && (
          <p className="nearby-setup__notice">
            <Icon name="alert" size={18} />
            <span>{notice}</span>
          </p>
        )}
      </div>
      {step === 'choose' ? (
        <div className="nearby-setup__actions">
          {error && <FormAlert>{error}</FormAlert>}
          <Button
            block
            icon={<Icon name="locate" size={18} />}
            loading={busy !== null}
            onClick={() => void shareDevice()}
          >
            {t('nearby.setup.useLocation')}
          </Button>
          <Button
            block
            variant="secondary"
            icon={<Icon name="building" size={18} />}
            aria-disabled={busy !== null || undefined}
            onClick={() => {
              if (busy !== null) return;
              setError(null);
              setStep('city');
            }}
          >
            {t('nearby.setup.pickCity')}
          </Button>
          {onCancel && (
            <Button block variant="ghost" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <p className="nearby-setup__note">{t('nearby.setup.browserNote')}</p>
        </div>
      ) : (
        <form className="nearby-setup__city" noValidate onSubmit={(event) => void shareCity(event)}>
          <SelectField
            label={t('nearby.setup.city')}
            hint={t('nearby.setup.cityHint')}
            error={cityError}
            value={cityId}
            autoFocus
            onChange={(event) => {
              const value = event.target.value;
              setCityId(isCityId(value) ? value : '');
              setCityError(undefined);
            }}
          >
            <option value="">{t('nearby.setup.cityPlaceholder')}</option>
            {cityIds.map((id) => (
              <option key={id} value={id}>
                {t(`nearby.cities.${id}`)}
              </option>
            ))}
          </SelectField>
          {error && <FormAlert>{error}</FormAlert>}
          <div className="nearby-setup__actions">
            <Button type="submit" block icon={<Icon name="check" size={18} />} loading={busy !== null}>
              {t('nearby.setup.useCity')}
            </Button>
            <Button
              block
              variant="ghost"
              onClick={() => {
                if (busy !== null) return;
                setStep('choose');
                setNotice(null);
                setCityError(undefined);
                setError(null);
                headingRef.current?.focus();
              }}
            >
              {t('nearby.setup.back')}
            </Button>
          </div>
        </form>
      )}

      <p className="nearby-setup__busy" role="status">
        {status}
      </p>
      {mode === 'first' && (
        <Link to="/policy" className="nearby-setup__policy">
          {t('nearby.setup.readPolicy')}
        </Link>
      )}
    </section>
  );
}
