// Pieces the finance screens share: the year picker, money cells, field errors, CSV download.
import type { ReactNode } from 'react';
import { formatBasisPoints, formatRupiah } from '../../shared/finance/money';
import { taxChoices } from '../../shared/finance/taxes';
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

/** The paper a report prints on, and the `@page` rule for it (F4 215×330 mm or A4). */
export function PaperPicker({
  paper,
  setPaper,
}: {
  paper: 'A4' | 'F4';
  setPaper(paper: 'A4' | 'F4'): void;
}) {
  const t = useT();
  return (
    <>
      <style>{`@page { size: ${paper === 'F4' ? '215mm 330mm' : 'A4'}; margin: 15mm; }`}</style>
      <label>
        {t('fin_paper')}{' '}
        <select value={paper} onChange={(e) => setPaper(e.target.value as 'A4' | 'F4')}>
          <option value="F4">F4</option>
          <option value="A4">A4</option>
        </select>
      </label>
    </>
  );
}

/** The taxes to withhold from a payment, from the rates in force (shared/finance/taxes.ts). */
export function TaxPicker({
  legend,
  codes,
  setCodes,
}: {
  legend: string;
  codes: readonly string[];
  setCodes(codes: string[]): void;
}) {
  return (
    <fieldset className="fin-taxes">
      <legend>{legend}</legend>
      {taxChoices().map((tax) => (
        <label key={tax.code} className="fin-check">
          <input
            type="checkbox"
            checked={codes.includes(tax.code)}
            onChange={(e) =>
              setCodes(
                e.target.checked ? [...codes, tax.code] : codes.filter((c) => c !== tax.code),
              )
            }
          />{' '}
          {tax.name} ({formatBasisPoints(tax.rate)})
        </label>
      ))}
    </fieldset>
  );
}
