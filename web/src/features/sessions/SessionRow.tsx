/** One signed-in device: what it is, where and when it was last seen, and a way to sign it out. */
import type { SessionView } from '@airtalk/contracts';
import { useTranslation } from 'react-i18next';
import { Badge, Button, Icon, ListIcon, ListItem } from '../../components';
import { useLanguage } from '../../i18n';
import { formatLanguageName, formatTimeAgo } from '../../lib';
import { describeDevice, isPhone } from './describeDevice';

interface SessionRowProps {
  session: SessionView;
  now: number;
  revoking: boolean;
  onRevoke: (session: SessionView) => void;
}

export function SessionRow({ session, now, revoking, onRevoke }: SessionRowProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const device = describeDevice(session, t);
  const details = [
    session.current
      ? t('sessions.activeNow')
      : t('sessions.lastSeen', { when: formatTimeAgo(session.lastSeenAt, now, language) }),
    session.language ? formatLanguageName(session.language, language) : null,
    session.coarseIp ? t('sessions.ip', { ip: session.coarseIp }) : null,
  ].filter((detail): detail is string => detail !== null);

  return (
    <ListItem
      leading={
        <ListIcon tone={session.current ? 'brand' : 'neutral'}>
          <Icon name={isPhone(session) ? 'smartphone' : 'monitor'} />
        </ListIcon>
      }
      title={
        <span className="session-row__title">
          {device}
          {session.current && <Badge tone="success">{t('sessions.thisDevice')}</Badge>}
        </span>
      }
      subtitle={details.join(' · ')}
      trailing={
        session.current ? undefined : (
          <Button
            variant="secondary"
            size="sm"
            loading={revoking}
            aria-label={t('sessions.signOutDevice', { device })}
            onClick={() => {
              onRevoke(session);
            }}
          >
            {t('sessions.signOut')}
          </Button>
        )
      }
    />
  );
}
