/** The welcome for signed-out visitors: what Airtalk is, the privacy promise, and the way in. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ButtonLink, Icon, type IconName } from '../../components';
import { useDocumentTitle } from '../../lib';
import './LandingPage.css';

const FEATURES = [
  { key: 'nearby', icon: 'users' },
  { key: 'chat', icon: 'message' },
  { key: 'rooms', icon: 'radio' },
  { key: 'calls', icon: 'video' },
  { key: 'gifts', icon: 'gift' },
] as const satisfies readonly { key: string; icon: IconName }[];

const PROMISES = [
  { key: 'promiseChoice', icon: 'shield' },
  { key: 'promiseLocation', icon: 'mapPin' },
  { key: 'promiseControl', icon: 'lock' },
] as const satisfies readonly { key: string; icon: IconName }[];

export function LandingPage() {
  const { t } = useTranslation();
  useDocumentTitle(undefined);
  return (
    <div className="landing">
      <section className="landing__hero">
        <h1 className="landing__title">{t('landing.title')}</h1>
        <p className="landing__lead">{t('landing.lead')}</p>
        <ul className="landing__features">
          {FEATURES.map(({ key, icon }) => (
            <li key={key} className="landing__feature">
              <Icon name={icon} size={16} />
              {t(`landing.features.${key}`)}
            </li>
          ))}
        </ul>
        <div className="landing__actions">
          <ButtonLink to="/register" block>
            {t('common.createAccount')}
          </ButtonLink>
          <ButtonLink to="/login" variant="secondary" block>
            {t('common.signIn')}
          </ButtonLink>
        </div>
        <p className="landing__adults">{t('landing.adultsOnly')}</p>
      </section>

      <section className="landing__promise" aria-labelledby="landing-promise">
        <h2 id="landing-promise" className="landing__promise-title">
          {t('landing.promiseHeading')}
        </h2>
        <ul className="landing__promises">
          {PROMISES.map(({ key, icon }) => (
            <li key={key} className="landing__promise-item">
              <span className="landing__promise-icon">
                <Icon name={icon} />
              </span>
              <div>
                <h3 className="landing__promise-heading">{t(`landing.${key}.title`)}</h3>
                <p className="landing__promise-body">{t(`landing.${key}.body`)}</p>
              </div>
            </li>
          ))}
        </ul>
        <Link to="/policy" className="landing__policy">
          {t('landing.readPolicy')}
        </Link>
      </section>
    </div>
  );
}
