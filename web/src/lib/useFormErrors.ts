/**
 * The error state every form shares: messages under fields, one message for the whole form, and
 * focus moved to the first problem. Client checks and server answers go through the same path.
 */
import { useCallback, useRef, useState } from 'react';
import { isApiError, type ApiError } from './api';
import { useDescribeError } from './errors';
import { hasErrors, showErrorsAndFocus, splitServerErrors, type FieldErrors } from './forms';

export interface FormErrors<Name extends string> {
  /** Pass as the form's `ref`, so focus can move to the first field with a problem. */
  attachForm: (form: HTMLFormElement | null) => void;
  errors: FieldErrors<Name>;
  /** A problem with the whole form (wrong credentials, rate limit, network), shown above its button. */
  formError: string | null;
  setFieldError: (name: Name, message: string | undefined) => void;
  /** Shows problems found before sending; true when there were any, so the caller stops. */
  reject: (found: FieldErrors<Name>) => boolean;
  /**
   * Shows a failed request. `adjust` may add field messages for codes that carry none
   * (EMAIL_TAKEN, WRONG_PASSWORD); other messages go above the button.
   */
  showFailure: (error: unknown, adjust?: (fields: FieldErrors<Name>, error: ApiError) => void) => void;
  clear: () => void;
}

export function useFormErrors<Name extends string>(names: readonly Name[]): FormErrors<Name> {
  const describeError = useDescribeError();
  const formRef = useRef<HTMLFormElement | null>(null);
  const [errors, setErrors] = useState<FieldErrors<Name>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const setFieldError = useCallback((name: Name, message: string | undefined) => {
    setErrors((current) => ({ ...current, [name]: message }));
  }, []);

  const reject = useCallback((found: FieldErrors<Name>) => {
    if (!hasErrors(found)) return false;
    showErrorsAndFocus(formRef.current, () => {
      setErrors(found);
      setFormError(null);
    });
    return true;
  }, []);

  const showFailure = useCallback(
    (error: unknown, adjust?: (fields: FieldErrors<Name>, error: ApiError) => void) => {
      if (!isApiError(error)) {
        setFormError(describeError(error));
        return;
      }
      const { fields, others } = splitServerErrors(error, names);
      adjust?.(fields, error);
      if (!hasErrors(fields)) {
        setFormError(describeError(error));
        return;
      }
      showErrorsAndFocus(formRef.current, () => {
        setErrors(fields);
        setFormError(others.length > 0 ? others.join(' ') : null);
      });
    },
    [describeError, names],
  );

  const attachForm = useCallback((form: HTMLFormElement | null) => {
    formRef.current = form;
  }, []);

  const clear = useCallback(() => {
    setErrors({});
    setFormError(null);
  }, []);

  return { attachForm, errors, formError, setFieldError, reject, showFailure, clear };
}
