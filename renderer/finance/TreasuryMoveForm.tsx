// The treasurer's own moves on the Buku Kas screen: saldo awal (the SiLPA carried in), setor tunai
// ke bank, tarik tunai, and the deposit of a withheld tax (STS). Each is one ledger entry, checked
// by shared/finance/ledger.ts (money that is not on the account on that date cannot leave it).
import { useState, type FormEvent } from 'react';
import type { LedgerEntryDoc } from '../../shared/documents/budget';
import {
  KIND_LABELS,
  recordTreasuryMove,
  type TreasuryMoveInput,
} from '../../shared/finance/ledger';
import { formatRupiah, parseRupiah } from '../../shared/finance/money';
import { taxName } from '../../shared/finance/taxes';
import { taxesHeld } from '../../shared/finance/treasury';
import { GatedButton } from '../staff/GatedButton';
import { useOpenSession } from '../state/session-store';
import { Errors, Field } from './common';
import { saveFinanceDocs, useFinanceContext } from './store';

const MOVES: TreasuryMoveInput['kind'][] = [
  'opening',
  'withdraw-cash',
  'deposit-bank',
  'tax-deposit',
];

export function TreasuryMoveForm({
  year,
  entries,
  closedYears,
  recordedBy,
}: {
  year: number;
  entries: readonly LedgerEntryDoc[];
  closedYears: readonly number[];
  recordedBy: string;
}) {
  const { db } = useOpenSession();
  const ctx = useFinanceContext();
  const empty = {
    kind: 'opening' as TreasuryMoveInput['kind'],
    date: `${year}-01-01`,
    amount: '',
    cashAccount: 'bank' as 'bank' | 'tunai',
    evidenceNumber: '',
    description: '',
    taxCode: '',
  };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const held = taxesHeld(entries);
  const set = (name: keyof typeof empty) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = recordTreasuryMove(
      {
        kind: form.kind,
        fiscalYear: year,
        date: form.date,
        amount: parseRupiah(form.amount) ?? NaN,
        cashAccount: form.cashAccount,
        evidenceNumber: form.evidenceNumber,
        description: form.description,
        taxCode: form.taxCode,
      },
      { lines: [], entries, closedYears },
      recordedBy,
      ctx,
    );
    if (!result.ok) {
      setErrors(result.errors);
      setNotice('');
      return;
    }
    try {
      await saveFinanceDocs(db, [result.value]);
      setErrors({});
      setNotice(`${KIND_LABELS[form.kind]} tercatat.`);
      setForm({ ...empty, kind: form.kind, date: form.date });
    } catch (err) {
      setErrors({ save: err instanceof Error ? err.message : String(err) });
    }
  }

  const oneAccount = form.kind === 'opening' || form.kind === 'tax-deposit';
  return (
    <section className="fin-section">
      <h2>Saldo awal, mutasi kas dan setoran pajak</h2>
      <form className="fin-form" onSubmit={submit} noValidate aria-label="Mutasi kas">
        <Field label="Jenis mutasi">
          <select {...set('kind')}>
            {MOVES.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
        {oneAccount && (
          <Field label="Rekening">
            <select {...set('cashAccount')}>
              <option value="bank">Bank (rekening kas desa)</option>
              <option value="tunai">Tunai</option>
            </select>
          </Field>
        )}
        {form.kind === 'tax-deposit' && (
          <Field label="Pajak yang disetor">
            <select {...set('taxCode')}>
              <option value="">— pilih pajak —</option>
              {Object.entries(held)
                .filter(([, v]) => v > 0)
                .map(([code, v]) => (
                  <option key={code} value={code}>
                    {taxName(code)} · dipungut {formatRupiah(v)}
                  </option>
                ))}
            </select>
          </Field>
        )}
        <Field label="Tanggal mutasi">
          <input type="date" {...set('date')} />
        </Field>
        <Field label="Jumlah mutasi (Rp)">
          <input {...set('amount')} inputMode="numeric" />
        </Field>
        <Field label="Nomor bukti mutasi">
          <input {...set('evidenceNumber')} maxLength={60} />
        </Field>
        <Field label="Uraian mutasi">
          <input {...set('description')} maxLength={300} />
        </Field>
        <GatedButton action="ledger.post" type="submit">
          Catat mutasi
        </GatedButton>
      </form>
      <p className="form-notice" role="status">
        {notice}
      </p>
      <Errors errors={errors} />
    </section>
  );
}
