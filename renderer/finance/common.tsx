// Pieces the finance screens share: the year picker, money cells, field errors, CSV download.
import type { ReactNode } from 'react';
import { formatRupiah } from '../../shared/finance/money';
import { useT } from '../i18n';
import { useFiscalYear } from './store';
import './finance.css';

export { download } from '../components/download';

export function YearPicker() {
  const t = useT();
  const { year, setYear } = useFiscalYear();
  return (
    <label className="fin-year">
      {t('fin_year')}{' '}
      <input
        type="number"
        min={2000}
        max={2100}
        value={year}
        onChange={(e) => {
          const y = Number(e.target.value);
          if (Number.isInteger(y) && y >= 2000 && y <= 2100) setYear(y);
        }}
      />
    </label>
  );
}

export function Money({ value }: { value: number }) {
  return <td className="num">{formatRupiah(value)}</td>;
}

export function Errors({ errors }: { errors: Record<string, string> }) {
  const list = Object.values(errors);
  if (list.length === 0) return null;
  return (
    <ul className="field-error fin-errors" role="alert">
      {list.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="fin-field">
      <span>{label}</span>
      {children}
    </label>
  );
}
