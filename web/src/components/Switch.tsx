/**
 * An on/off switch: a real checkbox with role="switch", its visible label as its name and the
 * longer explanation linked as its description. Busy while a change is being saved.
 */
import { useId, type ReactNode } from 'react';
import './Switch.css';

interface SwitchProps {
  label: ReactNode;
  description?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  busy?: boolean;
  leading?: ReactNode;
}

export function Switch({ label, description, checked, onChange, busy = false, leading }: SwitchProps) {
  const id = useId();
  const descriptionId = `${id}-description`;
  return (
    <div className="switch-row">
      {leading && <div className="switch-row__leading">{leading}</div>}
      <div className="switch-row__text">
        <label htmlFor={id} className="switch-row__label">
          {label}
        </label>
        {description && (
          <div id={descriptionId} className="switch-row__description">
            {description}
          </div>
        )}
      </div>
      <span className="switch">
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="switch__input"
          checked={checked}
          aria-describedby={description ? descriptionId : undefined}
          aria-busy={busy || undefined}
          onChange={(event) => {
            if (!busy) onChange(event.target.checked);
          }}
        />
        <span className="switch__track" aria-hidden="true">
          <span className="switch__thumb" />
        </span>
      </span>
    </div>
  );
}
