// A form field as every screen shows it: the label above, the control, then its hint and its
// error below — never beside, so a long message cannot run into the next label. The control gets
// the ids that tie label, hint and error to it for screen readers.
import type { ReactNode } from 'react';

/** What the control of a field must carry. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export function Field({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  /** The control's id; the hint and error use it as their prefix. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** A message in Bahasa saying what is wrong; empty or absent when nothing is. */
  error?: ReactNode;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return (
    <div className={className ? `ui-field ${className}` : 'ui-field'}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': described.length > 0 ? described.join(' ') : undefined,
      })}
      {hint && (
        <small id={`${id}-hint`} className="ui-field-hint">
          {hint}
        </small>
      )}
      {error && (
        <span id={`${id}-error`} className="ui-field-error">
          {error}
        </span>
      )}
    </div>
  );
}
