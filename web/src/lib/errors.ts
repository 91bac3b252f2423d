/**
 * Turns any failure into one sentence for people: rate limits say when to try again,
 * network and server trouble say what to do. Field problems are shown by the forms themselves.
 */
import { translateFieldMessage } from '@airtalk/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n';
import { isApiError } from './api';
import { formatWait } from './format';

export function useDescribeError(): (error: unknown) => string {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return t('errors.unexpected');
      const wait = error.retryAfterSeconds;
      switch (error.code) {
        case 'NETWORK_FAILED':
          return t('errors.network');
        case 'RATE_LIMITED':
          return wait === null
            ? t('errors.rateLimitedNoHint')
            : t('errors.rateLimited', { when: formatWait(wait, language) });
        case 'SERVER_BUSY':
          return wait === null ? t('errors.busyNoHint') : t('errors.busy', { when: formatWait(wait, language) });
        case 'UNAUTHENTICATED':
          return t('errors.sessionEnded');
        case 'INVALID_CREDENTIALS':
          return t('login.invalid');
        // Codes map to our own sentences: the server's top-level message is not always translated.
        case 'VALIDATION_FAILED':
          return t('errors.validation');
        case 'EMAIL_TAKEN':
          return translateFieldMessage('email.taken', language);
        case 'HANDLE_TAKEN':
          return translateFieldMessage('handle.taken', language);
        case 'WRONG_PASSWORD':
          return translateFieldMessage('password.wrong', language);
        case 'TOKEN_INVALID':
          return translateFieldMessage('token.invalid', language);
        case 'PHOTO_LIMIT':
          return translateFieldMessage('photo.limit', language);
        case 'IMAGE_TOO_MANY_PIXELS':
          return translateFieldMessage('photo.tooManyPixels', language);
        case 'IMAGE_UNREADABLE':
          return translateFieldMessage('photo.unreadable', language);
        case 'POLICY_VERSION_OUTDATED':
          return translateFieldMessage('policyVersion.outdated', language);
        // Contact details in a profile: the same sentence the form shows under the field.
        case 'CONTACT_INFO_PHONE':
          return translateFieldMessage('contactInfo.phone', language);
        case 'CONTACT_INFO_EMAIL':
          return translateFieldMessage('contactInfo.email', language);
        case 'CONTACT_INFO_QQ':
          return translateFieldMessage('contactInfo.qq', language);
        case 'CONTACT_INFO_WECHAT':
          return translateFieldMessage('contactInfo.wechat', language);
        case 'CONTACT_INFO_MESSENGER':
          return translateFieldMessage('contactInfo.messenger', language);
        case 'CONSENT_REQUIRED':
          return t('errors.consentRequired');
        // People nearby: each says what to do next; the nearby page also offers the way forward.
        case 'LOCATION_REQUIRED':
          return t('errors.locationRequired');
        case 'NEARBY_HIDDEN':
          return t('errors.nearbyHidden');
        case 'IMPOSSIBLE_MOVE':
          return t('errors.impossibleMove');
        case 'ACCOUNT_UNDER_REVIEW':
          return t('errors.accountUnderReview');
        // Chat: blocked or gone, too late to take back, a recording the server could not read.
        case 'CANNOT_MESSAGE':
          return t('errors.cannotMessage');
        case 'RECALL_TOO_LATE':
          return t('errors.recallTooLate');
        case 'VOICE_UNREADABLE':
          return t('errors.voiceUnreadable');
        // Live rooms: each says what happened; the room screen also shows the way on.
        case 'ROOM_CLOSED':
          return t('errors.roomClosed');
        case 'ROOM_PASSWORD_REQUIRED':
          return t('errors.roomPasswordRequired');
        case 'ROOM_BANNED':
          return t('errors.roomBanned');
        case 'ROOM_NOT_A_MEMBER':
          return t('errors.roomNotAMember');
        case 'SEAT_TAKEN':
          return t('errors.seatTaken');
        case 'SEAT_LOCKED':
          return t('errors.seatLocked');
        case 'MIC_LOCKED':
          return t('errors.micLocked');
        case 'FORBIDDEN':
          return t('errors.forbidden');
        case 'NOT_FOUND':
          return t('errors.notFound');
        case 'MALFORMED_REQUEST':
        case 'PAYLOAD_TOO_LARGE':
        case 'UNSUPPORTED_MEDIA_TYPE':
        case 'CSRF_REJECTED':
        case 'METHOD_NOT_ALLOWED':
        case 'INTERNAL':
        case 'UNEXPECTED_RESPONSE':
          return t('errors.unexpected');
      }
    },
    [t, language],
  );
}
