/**
 * "Chat friends for you": a row of people picked for what we have in common, each with a one-line
 * why ("2 shared interests · < 1 km") and a button to message them. Says nothing while loading or when there is no one to suggest;
 * refusals are left to the list, which explains them.
 */
import type { RecommendationView } from '@airtalk/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '../../components';
import { isApiError, useDescribeError, useResource } from '../../lib';
import { MessageButton } from '../chat';
import { fetchRecommendations } from './api';
import { PersonLink } from './PersonLink';
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
  const why = whyLine(recommendation.reasons, words);
  const facts = [
    t('profile.age', { age: recommendation.age }),
    recommendation.online ? t('nearby.card.online') : null,
    why === '' ? null : why,
  ].filter((fact): fact is string => fact !== null);

  return (
    <li className="recommendation">
      <PersonLink
        person={recommendation}
        block="recommendation"
        avatarSize="md"
        facts={facts}
        textBlock="recommendation__text"
      >
        {why !== '' && (
          <span className="recommendation__why" aria-hidden="true">
            {why}
          </span>
        )}
      </PersonLink>
      <MessageButton
        userId={recommendation.userId}
        nickname={recommendation.nickname}
        variant="secondary"
        size="sm"
        iconOnly
        className="recommendation__message"
      />
    </li>
  );
}
