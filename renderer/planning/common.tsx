// Pieces the planning screens share: who is signed in, a field with its own error under it, and
// the errors that belong to no single field.
import type { ReactNode } from 'react';
import { STAFF_ROLE_LABELS } from '../../shared/staff/roles';
import { useStaff } from './store';
import { usePlanningT } from './words';
import '../finance/finance.css';
import './planning.css';

/** Who is at the kiosk: the signed-in staff member (decision 0008), no longer chosen here. */
export function StaffPicker() {
  const t = usePlanningT();
  const staff = useStaff();
  return (
    <p className="plan-staff">
      {t('staff')}: <strong>{staff.name}</strong> ({STAFF_ROLE_LABELS[staff.role]})
    </p>
  );
}

/** A labelled field with the domain's message for it right below, tied by aria-describedby. */
export function PlanField({
  name,
  label,
  error,
  children,
}: {
  name: string;
  label: string;
  error: string | undefined;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
  }) => ReactNode;
}) {
  const id = `plan-${name}`;
  return (
    <div className="fin-field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': !!error,
        ...(error ? { 'aria-describedby': `${id}-error` } : {}),
      })}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** Errors that belong to no single field (the write itself refused, a lock, a permission). */
export function FormErrors({
  errors,
  fields,
}: {
  errors: Record<string, string>;
  fields: string[];
}) {
  const rest = Object.entries(errors).filter(([k]) => !fields.includes(k));
  if (rest.length === 0) return null;
  return (
    <ul className="field-error fin-errors" role="alert">
      {rest.map(([k, e]) => (
        <li key={k}>{e}</li>
      ))}
    </ul>
  );
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
