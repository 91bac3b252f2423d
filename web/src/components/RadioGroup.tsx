/**
 * A set of radio buttons under a legend, each a full-width row that is easy to tap. The error is
 * linked to every radio, and the first one carries aria-invalid so forms can move focus to it.
 */
import { useId, type ReactNode } from 'react';
import { Icon } from './Icon';
import './RadioGroup.css';

export interface RadioOption<Value extends string> {
  value: Value;
  label: ReactNode;
  description?: ReactNode;
}

interface RadioGroupProps<Value extends string> {
  legend: ReactNode;
  name: string;
  options: readonly RadioOption<Value>[];
  value: Value | null;
  onChange: (value: Value) => void;
  error?: string | undefined;
}

export function RadioGroup<Value extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  error,
}: RadioGroupProps<Value>) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <fieldset className={error ? 'radio-group radio-group--invalid' : 'radio-group'}>
      <legend className="field__label radio-group__legend">{legend}</legend>
      <div className="radio-group__options">
        {options.map((option, index) => {
          const optionId = `${id}-${option.value}`;
          return (
            <label key={option.value} className="radio" htmlFor={optionId}>
              <input
                id={optionId}
                type="radio"
                className="radio__input"
                name={name}
                value={option.value}
                checked={value === option.value}
                aria-invalid={error && index === 0 ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                onChange={() => {
                  onChange(option.value);
                }}
              />
              <span className="radio__text">
                <span className="radio__label">{option.label}</span>
                {option.description && <span className="radio__description">{option.description}</span>}
              </span>
            </label>
          );
        })}
      </div>
      {error && (
        <p className="field__error" id={errorId}>
          <Icon name="alert" size={16} />
          <span>{error}</span>
        </p>
      )}
    </fieldset>
  );
}
