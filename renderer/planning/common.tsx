// Pieces the planning screens share: who is signed in, a field with its own error under it, and
// the errors that belong to no single field.
import { useState, type ReactNode } from 'react';
import { startAmendment } from '../../shared/finance/budget';
import { budgetLockedFor } from '../../shared/planning/rkpdes';
import {
  saveFinanceDocs,
  useFinanceContext,
  useFinanceData,
  useFiscalYear,
} from '../finance/store';
import { GatedButton } from '../staff/GatedButton';
import { Button, buttonClass, Message } from '../ui';
import { useOpenSession } from '../state/session-store';
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

/**
 * The way out when the year's APBDes is adopted: a musdes of that year could score everything and
 * still not be decided ("buat perubahan (PAK) dahulu"). Said before the work starts, with the two
 * ways on: plan for the next year, or open an amendment (PAK) of this one.
 */
export function BudgetLockedNotice() {
  const { db } = useOpenSession();
  const ctx = useFinanceContext();
  const { year, setYear } = useFiscalYear();
  const { lines } = useFinanceData(year);
  const [error, setError] = useState('');
  if (!budgetLockedFor(lines, year)) return null;

  async function amend() {
    const result = startAmendment(lines, year, ctx);
    if (!result.ok) return setError(Object.values(result.errors).join(' '));
    try {
      await saveFinanceDocs(db, result.value);
      setError('');
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <div className="fin-warning plan-locked" role="note" data-testid="budget-locked">
      <p>
        APBDes {year} sudah ditetapkan: usulan yang diterima musdes tahun {year} tidak dapat masuk
        anggarannya. Rencanakan untuk tahun {year + 1}, atau buka Perubahan APBDes (PAK) {year}{' '}
        dahulu.
      </p>
      <div className="ui-actions">
        <Button variant="primary" onClick={() => setYear(year + 1)}>
          Rencanakan untuk {year + 1}
        </Button>
        <GatedButton action="budget.edit" className={buttonClass()} onClick={() => void amend()}>
          Buat perubahan (PAK) {year}
        </GatedButton>
      </div>
      {error && <Message tone="error">{error}</Message>}
    </div>
  );
}
