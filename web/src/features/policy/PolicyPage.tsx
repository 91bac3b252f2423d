/** /policy: the current privacy policy in the chosen language, open to everyone. */
import { useTranslation } from 'react-i18next';
import { LoadFailed, Loading } from '../../components';
import { useDescribeError, useDocumentTitle } from '../../lib';
import { PolicyDocument } from './PolicyDocument';
import { usePolicy } from './usePolicy';

export function PolicyPage() {
  const { t } = useTranslation();
  const describeError = useDescribeError();
  const policy = usePolicy();
  useDocumentTitle(t('policy.title'));
  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">{policy.data?.title ?? t('policy.title')}</h1>
      </header>
      <div className="policy-page__body">
        {policy.data ? (
          <PolicyDocument policy={policy.data} showTitle={false} />
        ) : policy.loading ? (
          <Loading />
        ) : (
          <LoadFailed message={t('policy.loadFailed')} detail={describeError(policy.error)} onRetry={policy.reload} />
        )}
      </div>
    </div>
  );
}
