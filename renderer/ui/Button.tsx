// The kiosk's buttons: one primary action per form, secondary for the rest, danger for what
// removes or refuses, quiet for a link-like step. type="button" unless a form's submit says so.
import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

/** The class names of a button, for elements that must stay their own (e.g. GatedButton). */
export function buttonClass(variant: ButtonVariant = 'secondary', small = false): string {
  return `ui-button ui-button--${variant}${small ? ' ui-button--small' : ''}`;
}

export function Button({
  variant = 'secondary',
  small = false,
  className,
  type = 'button',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; small?: boolean }) {
  const classes = buttonClass(variant, small);
  return (
    <button type={type} className={className ? `${classes} ${className}` : classes} {...props} />
  );
}
