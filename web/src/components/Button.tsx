/**
 * Buttons and links that look like buttons. A loading button keeps its focus and its name and
 * announces itself as busy; it ignores further presses instead of disappearing from the tab order.
 */
import type { ButtonHTMLAttributes, MouseEvent, ReactNode } from 'react';
import { Link, type LinkProps } from 'react-router';
import { Spinner } from './Spinner';
import './Button.css';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'md' | 'sm';

interface LookProps {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Stretches to the width of its container, as main actions do on phones. */
  block?: boolean;
}

function classNameFor({ variant = 'primary', size = 'md', block = false }: LookProps, extra?: string): string {
  return ['button', `button--${variant}`, `button--${size}`, block ? 'button--block' : '', extra ?? '']
    .filter(Boolean)
    .join(' ');
}

type ButtonProps = LookProps &
  ButtonHTMLAttributes<HTMLButtonElement> & {
    loading?: boolean;
    icon?: ReactNode;
  };

export function Button({
  variant,
  size,
  block,
  loading = false,
  icon,
  className,
  children,
  onClick,
  type = 'button',
  ...rest
}: ButtonProps) {
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (loading) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return (
    <button
      {...rest}
      type={type}
      className={classNameFor({ variant, size, block }, className)}
      aria-busy={loading || undefined}
      aria-disabled={loading || undefined}
      onClick={handleClick}
    >
      {loading ? <Spinner size={16} /> : icon}
      <span className="button__label">{children}</span>
    </button>
  );
}

type ButtonLinkProps = LookProps & LinkProps & { icon?: ReactNode };

export function ButtonLink({ variant, size, block, icon, className, children, ...rest }: ButtonLinkProps) {
  return (
    <Link {...rest} className={classNameFor({ variant, size, block }, className)}>
      {icon}
      <span className="button__label">{children}</span>
    </Link>
  );
}
