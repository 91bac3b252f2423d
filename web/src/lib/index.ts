/** Platform code every feature may use: the API client, formatting, data loading and form helpers. */
export {
  ApiError,
  isApiError,
  onApiError,
  requestJson,
  requestVoid,
  setApiLanguage,
  uploadForm,
  type ApiErrorCode,
  type UploadOptions,
} from './api';
export { useDescribeError } from './errors';
export { formatCalendarDay, formatDay, formatLanguageName, formatTimeAgo, formatWait, localeFor } from './format';
export { checkField, hasErrors, requireValue, showErrorsAndFocus, splitServerErrors, type FieldErrors } from './forms';
export { formatDocumentTitle, setUnreadInTitle } from './documentTitle';
export { useDocumentTitle } from './useDocumentTitle';
export { useNow } from './useNow';
export { useResource, type Resource } from './useResource';
export { useFormErrors, type FormErrors } from './useFormErrors';
export { isSameSitePath } from './paths';
