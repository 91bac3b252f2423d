/**
 * "Chat friends for you": a row of people picked for what we have in common, each with a one-line
 * why ("2 shared interests · < 1 km"). Says nothing while loading or when there is no one to suggest;
 * refusals are left to the list, which explains them.
 */
import type { RecommendationView } from '@airtalk/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Avatar, LoadFailed } from '../../components';
import { isApiError, useDescribeError, useResource } from '../../lib';
import { fetchRecommendations } from './api';
import { avatarPhoto, profilePath } from './PersonCard';
import { useNearbyWords } from './useNearbyWords';
import { whyLine } from './why';

/** Refusals the list below explains (and shows the way past); a second message about them would be noise. */
const isRefusal = (error: unknown) =>
  isApiError(error) &&
  (error.code === 'CONSENT_REQUIRED' ||
    error.code === 'LOCATION_REQUIRED' ||
    error.code === 'NEARBY_HIDDEN' ||
    error.code === 'ACCOUNT_UNDER_REVIEW');

export function Recommendations({ revision }: { revision: number }) {
  const { t } = useTranslation();
  const describeError = useDescribeError();
  const headingId = useId();
  const recommendations = useResource(`recommendations:${revision}`, fetchRecommendations);

  if (recommendations.loading || isRefusal(recommendations.error)) return null;
  if (!recommendations.data) {
    return (
      <LoadFailed
        message={t('nearby.recommendations.loadFailed')}
        detail={describeError(recommendations.error)}
        onRetry={recommendations.reload}
      />
    );
  }
  if (recommendations.data.length === 0) return null;

  return (
    <section className="recommendations" aria-labelledby={headingId}>
      <header className="recommendations__header">
        <h2 id={headingId} className="nearby__heading">
          {t('nearby.recommendations.heading')}
        </h2>
        <p className="muted text-sm">{t('nearby.recommendations.lead')}</p>
      </header>
      <ul className="recommendations__list">
        {recommendations.data.map((recommendation) => (
          <RecommendationCard key={recommendation.userId} recommendation={recommendation} />
        ))}
      </ul>
    </section>
  );
}

function RecommendationCard({ recommendation }: { recommendation: RecommendationView }) {
  const { t } = useTranslation();
  const words = useNearbyWords();
  const nameId = useId();
  const factsId = useId();
  const why = whyLine(recommendation.reasons, words);
  const facts = [
    t('profile.age', { age: recommendation.age }),
    recommendation.online ? t('nearby.card.online') : null,
    why === '' ? null : why,
  ].filter((fact): fact is string => fact !== null);

  return (
    <li className="recommendation">
      <Link
        to={profilePath(recommendation.userId)}
        className="recommendation__link"
        aria-labelledby={nameId}
        aria-describedby={factsId}
      >
        <span className="recommendation__avatar">
          <Avatar name={recommendation.nickname} size="md" photo={avatarPhoto(recommendation.avatarUrl)} />
          {recommendation.online && <span className="online-dot" aria-hidden="true" />}
        </span>
        <span className="recommendation__text">
          <span className="recommendation__title">
            <span id={nameId} className="recommendation__name">
              {recommendation.nickname}
            </span>
            <span className="recommendation__age" aria-hidden="true">
              {recommendation.age}
            </span>
          </span>
          {why !== '' && (
            <span className="recommendation__why" aria-hidden="true">
              {why}
            </span>
          )}
        </span>
        <span id={factsId} className="visually-hidden">
          {facts.join(t('nearby.card.factSeparator'))}
        </span>
      </Link>
    </li>
  );
}
