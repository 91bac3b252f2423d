/** What the page shows while I am hidden from People nearby: it works both ways, and one button undoes it. */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Icon } from '../../components';

interface HiddenNoticeProps {
  busy: boolean;
  focusOnMount: boolean;
  onShow: () => void;
}

export function HiddenNotice({ busy, focusOnMount, onShow }: HiddenNoticeProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (focusOnMount) headingRef.current?.focus();
  }, [focusOnMount]);

  return (
    <section className="nearby-gate" aria-labelledby={titleId}>
      <span className="nearby-gate__icon">
        <Icon name="eyeOff" size={28} />
      </span>
      <h2 id={titleId} ref={headingRef} tabIndex={-1} className="nearby-gate__title">
        {t('nearby.hidden.title')}
      </h2>
      <p className="nearby-gate__body">{t('nearby.hidden.body')}</p>
      <Button icon={<Icon name="eye" size={18} />} loading={busy} onClick={onShow}>
        {t('nearby.hidden.action')}
      </Button>
    </section>
  );
}
