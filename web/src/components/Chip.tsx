/**
 * Small rounded labels: toggle chips (buttons that report their state with aria-pressed),
 * chips with a remove button, and plain tags for reading.
 */
import type { ReactNode } from 'react';
import { Icon } from './Icon';
import './Chip.css';

interface ToggleChipProps {
  pressed: boolean;
  onToggle: (pressed: boolean) => void;
  children: ReactNode;
  /** Stays focusable and announced, but ignores presses (for example when a limit is reached). */
  disabled?: boolean;
  /** The language of the chip's text, when it differs from the page's. */
  lang?: string;
  describedBy?: string;
}

export function ToggleChip({ pressed, onToggle, children, disabled = false, lang, describedBy }: ToggleChipProps) {
  return (
    <button
      type="button"
      className="chip chip--toggle"
      aria-pressed={pressed}
      aria-disabled={disabled || undefined}
      aria-describedby={describedBy}
      lang={lang}
      onClick={() => {
        if (!disabled) onToggle(!pressed);
      }}
    >
      {pressed && <Icon name="check" size={14} />}
      {children}
    </button>
  );
}

interface RemovableChipProps {
  children: ReactNode;
  /** The remove button's name, such as "Remove hiking". */
  removeLabel: string;
  onRemove: () => void;
  invalid?: boolean;
}

export function RemovableChip({ children, removeLabel, onRemove, invalid = false }: RemovableChipProps) {
  return (
    <span className={invalid ? 'chip chip--removable chip--invalid' : 'chip chip--removable'}>
      <span className="chip__text">{children}</span>
      <button type="button" className="chip__remove" onClick={onRemove}>
        <Icon name="close" size={14} />
        <span className="visually-hidden">{removeLabel}</span>
      </button>
    </span>
  );
}

/** A read-only chip, such as an interest on someone's profile. */
export function Tag({ children, lang }: { children: ReactNode; lang?: string }) {
  return (
    <span className="chip chip--static" lang={lang}>
      {children}
    </span>
  );
}
