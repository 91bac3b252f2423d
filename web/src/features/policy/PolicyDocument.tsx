/** A privacy policy as people read it: its title, version and effective date, then the text. */
import type { PolicyView } from '@airtalk/contracts';
import { useTranslation } from 'react-i18next';
import { Markdown } from '../../components';
import { useLanguage } from '../../i18n';
import { formatCalendarDay } from '../../lib';
import './PolicyDocument.css';

interface PolicyDocumentProps {
  policy: PolicyView;
  /** Off where the page or sheet title already names the policy; then only the details are shown. */
  showTitle?: boolean;
  /** The heading level of the policy's sections: one below whatever heading sits above them. */
  sectionLevel?: number;
}

export function PolicyDocument({ policy, showTitle = true, sectionLevel = showTitle ? 3 : 2 }: PolicyDocumentProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const meta = t('policy.meta', { version: policy.version, date: formatCalendarDay(policy.effectiveDate, language) });
  return (
    <article className="policy-document" lang={policy.language === 'zh' ? 'zh-CN' : 'en'}>
      {showTitle && <h2 className="policy-document__title">{policy.title}</h2>}
      <p className="policy-document__meta">{meta}</p>
      <Markdown source={policy.text} pageTitle={policy.title} topLevel={sectionLevel} />
    </article>
  );
}
