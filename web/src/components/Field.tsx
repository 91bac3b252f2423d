/**
 * Labelled form fields. Each input gets a visible label, its hint and error linked through
 * aria-describedby, and aria-invalid while an error is shown.
 */
import {
  useId,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';
import './Field.css';

export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: (control: ControlProps) => ReactNode;
}

/** Lays out a label, a control, a hint and an error, and tells the control how they relate. */
export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {error && (
        <p className="field__error" id={errorId}>
          <Icon name="alert" size={16} />
          <span>{error}</span>
        </p>
      )}
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-describedby' | 'aria-invalid'>;

interface TextFieldProps extends InputProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
}

export function TextField({ label, hint, error, className, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => <input {...input} {...control} className={['field__input', className].filter(Boolean).join(' ')} />}
    </Field>
  );
}

/** A password input with a show/hide toggle; the toggle keeps one name and reports its state. */
export function PasswordField({ label, hint, error, ...input }: Omit<TextFieldProps, 'type'>) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <div className="field__with-action">
          <input
            {...input}
            {...control}
            type={visible ? 'text' : 'password'}
            className="field__input"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
          />
          <button
            type="button"
            className="field__action"
            aria-pressed={visible}
            aria-controls={control.id}
            onClick={() => {
              setVisible((current) => !current);
            }}
          >
            <Icon name={visible ? 'eyeOff' : 'eye'} />
            <span className="visually-hidden">{t('common.showPassword')}</span>
          </button>
        </div>
      )}
    </Field>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'aria-describedby' | 'aria-invalid'>;

interface TextAreaFieldProps extends TextAreaProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  /** Shows a live "120/500" under the box; typing past it is allowed, and the count turns red. */
  limit?: number;
}

/** A multi-line text box that grows with its text on browsers that can, with an optional character count. */
export function TextAreaField({ label, hint, error, limit, className, ...textarea }: TextAreaFieldProps) {
  const { t } = useTranslation();
  const countId = useId();
  const used = textarea.value.length;
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <>
          <textarea
            {...textarea}
            {...control}
            aria-describedby={
              [control['aria-describedby'], limit === undefined ? null : countId].filter(Boolean).join(' ') || undefined
            }
            className={['field__input', 'field__input--multiline', className].filter(Boolean).join(' ')}
          />
          {limit !== undefined && (
            <p id={countId} className={used > limit ? 'field__count field__count--over' : 'field__count'}>
              <span aria-hidden="true">
                {used}/{limit}
              </span>
              <span className="visually-hidden">{t('common.characterCount', { used, limit })}</span>
            </p>
          )}
        </>
      )}
    </Field>
  );
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'aria-describedby' | 'aria-invalid'>;

interface SelectFieldProps extends SelectProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}

/** A native select, so phones show their own picker, drawn like the text fields with a chevron. */
export function SelectField({ label, hint, error, className, children, ...select }: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <div className="field__select">
          <select {...select} {...control} className={['field__input', className].filter(Boolean).join(' ')}>
            {children}
          </select>
          <Icon name="chevronDown" size={18} className="field__select-icon" />
        </div>
      )}
    </Field>
  );
}

interface CheckboxFieldProps extends Omit<InputProps, 'type'> {
  label: ReactNode;
  error?: string | undefined;
}

export function CheckboxField({ label, error, ...input }: CheckboxFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'checkbox checkbox--invalid' : 'checkbox'}>
      <div className="checkbox__row">
        <input
          {...input}
          id={id}
          type="checkbox"
          className="checkbox__input"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        <label htmlFor={id} className="checkbox__label">
          {label}
        </label>
      </div>
      {error && (
        <p className="field__error" id={errorId}>
          <Icon name="alert" size={16} />
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}

/** A message about the whole form (not one field), announced as soon as it appears. */
export function FormAlert({ children }: { children: ReactNode }) {
  return (
    <div className="form-alert" role="alert">
      <Icon name="alert" />
      <div>{children}</div>
    </div>
  );
}
