// The cash book (buku kas): record a receipt or a payment against a line of the budget in force,
// through the bank or in cash, with taxes withheld from an SPP LS payment; the treasurer's own
// moves (saldo awal, mutasi kas, tax deposits; TreasuryMoveForm); and reverse an entry. Entries are
// never edited; paying beyond the remaining budget or beyond the bank or cash balance on its date
// needs an official's name and a reason, recorded with the entry. The book runs in date order with
// the balance after each line (the Buku Kas Umum); the signed-in person records.
import { useState, type FormEvent } from 'react';
import type { LedgerEntryDoc } from '../../shared/documents/budget';
import { budgetInForce } from '../../shared/finance/budget';
import {
  KIND_LABELS,
  recordEntry,
  remainingOnLine,
  reverseEntry,
  type LedgerEntryInput,
} from '../../shared/finance/ledger';
import { treasuryBook } from '../../shared/finance/treasury';
import { TreasuryMoveForm } from './TreasuryMoveForm';
import { formatRupiah, parseRupiah } from '../../shared/finance/money';
import { accountClass, accountName } from '../../shared/finance/reference';
import { formatLongDate } from '../../shared/dates';
import { useT } from '../i18n';
import { useOfficial } from '../state/official';
import { GatedButton } from '../staff/GatedButton';
import { useOpenSession } from '../state/session-store';
import { Errors, Field, Money, TaxPicker, YearPicker } from './common';
import { saveFinanceDocs, useFinanceContext, useFinanceData, useFiscalYear } from './store';

export const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const EMPTY = {
  budgetLineId: '',
  kind: 'payment-ls' as LedgerEntryInput['kind'],
  date: '',
  amount: '',
  evidenceNumber: '',
  payee: '',
  description: '',
  settles: '',
  overrideBy: '',
  overrideReason: '',
  cashAccount: 'bank' as 'bank' | 'tunai',
};

export function LedgerScreen() {
  const t = useT();
  const { db } = useOpenSession();
  const ctx = useFinanceContext();
  const year = useFiscalYear((s) => s.year);
  const { lines, entries, closedYears } = useFinanceData(year);
  const [taxCodes, setTaxCodes] = useState<string[]>([]);
  const inForce = budgetInForce(lines, year);
  const [form, setForm] = useState({ ...EMPTY, date: today() });
  const official = useOfficial();
  // Whoever is signed in records, unless they name someone else for this session.
  const recordedBy = useFiscalYear((s) => s.recordedBy) || official.name;
  const setRecordedBy = useFiscalYear((s) => s.setRecordedBy);
  const [override, setOverride] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const [reversing, setReversing] = useState<{ id: string; reason: string } | null>(null);
  const lineOf = new Map(lines.map((l) => [l.id, l]));
  const reversed = new Set(entries.map((e) => e.reverses).filter(Boolean));
  const pending = new Set(entries.filter((e) => e.syncState === 'pending').map((e) => e.id));
  const selected = lineOf.get(form.budgetLineId);
  const book = treasuryBook(entries, 'umum');
  const bank = treasuryBook(entries, 'bank').balance;
  const tunai = treasuryBook(entries, 'tunai').balance;

  async function save(doc: LedgerEntryDoc, message: string) {
    try {
      await saveFinanceDocs(db, [doc]);
      setErrors({});
      setNotice(message);
      return true;
    } catch (err) {
      setErrors({ save: err instanceof Error ? err.message : String(err) });
      return false;
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = recordEntry(
      {
        budgetLineId: form.budgetLineId,
        kind: form.kind,
        date: form.date,
        amount: parseRupiah(form.amount) ?? NaN,
        evidenceNumber: form.evidenceNumber,
        payee: form.payee,
        description: form.description,
        settles: form.settles || null,
        override: override ? { by: form.overrideBy, reason: form.overrideReason } : null,
        cashAccount: form.cashAccount,
        taxCodes: form.kind === 'payment-ls' ? taxCodes : [],
      },
      { lines, entries, closedYears },
      recordedBy,
      ctx,
    );
    if (!result.ok) {
      setErrors(result.errors);
      setNotice('');
      return;
    }
    if (await save(result.value, t('fin_recorded'))) {
      setForm({ ...EMPTY, date: form.date, kind: form.kind, cashAccount: form.cashAccount });
      setOverride(false);
      setTaxCodes([]);
    }
  }

  async function reverse(event: FormEvent) {
    event.preventDefault();
    if (!reversing) return;
    const date = today().startsWith(String(year)) ? today() : `${year}-12-31`;
    const result = reverseEntry(
      reversing.id,
      reversing.reason,
      date,
      entries,
      recordedBy,
      ctx,
      closedYears,
    );
    if (!result.ok) return setErrors(result.errors);
    if (await save(result.value, t('fin_reversedNotice'))) setReversing(null);
  }

  const set = (name: keyof typeof EMPTY) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  });

  return (
    <div className="finance">
      <div className="fin-toolbar">
        <YearPicker />
        <Field label={t('fin_recordedBy')}>
          <input
            value={recordedBy}
            onChange={(e) => setRecordedBy(e.target.value)}
            maxLength={120}
          />
        </Field>
      </div>
      <p className="fin-cash" data-testid="cash-at-hand">
        Saldo bank: <strong>{formatRupiah(bank)}</strong> · Kas tunai:{' '}
        <strong>{formatRupiah(tunai)}</strong>
      </p>
      {closedYears.includes(year) && (
        <p className="fin-warning" data-testid="year-closed">
          Tahun anggaran {year} sudah ditutup: tidak ada entri baru; koreksi dicatat di tahun yang
          masih terbuka.
        </p>
      )}
      {!inForce.adopted && (
        <p className="fin-warning">
          {t('fin_notAdopted')} ({year})
        </p>
      )}
      <form className="fin-form" onSubmit={submit} noValidate aria-label={t('fin_entryForm')}>
        <Field label={t('fin_budgetLine')}>
          <select {...set('budgetLineId')}>
            <option value="">{t('fin_chooseLine')}</option>
            {inForce.adopted &&
              inForce.lines.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.kegiatanCode} {l.accountCode} {l.fundingSource} · {l.description}
                </option>
              ))}
          </select>
        </Field>
        <Field label={t('fin_kind')}>
          <select {...set('kind')}>
            {(['receipt', 'payment-ls', 'payment-um', 'spj', 'advance-return'] as const).map(
              (k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ),
            )}
          </select>
        </Field>
        {(form.kind === 'spj' || form.kind === 'advance-return') && (
          <Field label={t('fin_settles')}>
            <select {...set('settles')}>
              <option value="">{t('fin_chooseAdvance')}</option>
              {entries
                .filter((e) => e.kind === 'payment-um' && !reversed.has(e.id))
                .map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.evidenceNumber} · {formatRupiah(e.amount)}
                  </option>
                ))}
            </select>
          </Field>
        )}
        {form.kind !== 'spj' && (
          <Field label="Rekening kas">
            <select {...set('cashAccount')}>
              <option value="bank">Bank (rekening kas desa)</option>
              <option value="tunai">Tunai</option>
            </select>
          </Field>
        )}
        <Field label={t('fin_date')}>
          <input type="date" {...set('date')} />
        </Field>
        <Field label={t('fin_amount')}>
          <input {...set('amount')} inputMode="numeric" />
        </Field>
        {form.kind === 'payment-ls' && (
          <TaxPicker legend="Potongan pajak" codes={taxCodes} setCodes={setTaxCodes} />
        )}
        <Field label={t('fin_evidence')}>
          <input {...set('evidenceNumber')} maxLength={60} />
        </Field>
        <Field label={t('fin_payee')}>
          <input {...set('payee')} maxLength={120} />
        </Field>
        <Field label={t('fin_note')}>
          <input {...set('description')} maxLength={300} />
        </Field>
        {selected && accountClass(selected.accountCode) !== 'income' && (
          <p className="fin-remaining" data-testid="line-remaining">
            {t('fin_remaining')} {formatRupiah(remainingOnLine(selected, lines, entries))}
          </p>
        )}
        <label className="fin-check">
          <input
            type="checkbox"
            checked={override}
            onChange={(e) => setOverride(e.target.checked)}
          />{' '}
          {t('fin_override')}
        </label>
        {override && (
          <>
            <Field label={t('fin_overrideBy')}>
              <input {...set('overrideBy')} maxLength={120} />
            </Field>
            <Field label={t('fin_reason')}>
              <input {...set('overrideReason')} maxLength={300} />
            </Field>
          </>
        )}
        <GatedButton action="ledger.post" type="submit">
          {t('fin_record')}
        </GatedButton>
      </form>
      <p className="form-notice" role="status">
        {notice}
      </p>
      <Errors errors={errors} />
      <TreasuryMoveForm
        year={year}
        entries={entries}
        closedYears={closedYears}
        recordedBy={recordedBy}
      />
      <table className="fin-table" data-testid="ledger-entries">
        <thead>
          <tr>
            <th>{t('fin_date')}</th>
            <th>{t('fin_evidenceShort')}</th>
            <th>{t('fin_kind')}</th>
            <th>{t('fin_account')}</th>
            <th>{t('fin_payeeShort')}</th>
            <th className="num">Penerimaan</th>
            <th className="num">Pengeluaran</th>
            <th className="num">Saldo</th>
            <th>{t('fin_recordedShort')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {[...book.lines].reverse().map(({ entry: e, balance, label, in: inn, out }, i) => {
            const line = lineOf.get(e.budgetLineId);
            // A payment with taxes withheld makes two lines; actions belong to its first.
            const first =
              i === book.lines.length - 1 ||
              book.lines[book.lines.length - i - 2]?.entry.id !== e.id;
            return (
              <tr key={`${e.id}:${i}`} className={reversed.has(e.id) ? 'fin-reversed' : undefined}>
                <td>{formatLongDate(e.date)}</td>
                <td>{e.evidenceNumber}</td>
                <td>
                  {label} ({e.cashAccount === 'bank' ? 'bank' : 'tunai'})
                  {e.overrideReason &&
                    ` (${t('fin_approvedBy')} ${e.overrideBy}: ${e.overrideReason})`}
                  {e.kind === 'reversal' && ` — ${e.description}`}
                </td>
                <td>
                  {line
                    ? `${line.kegiatanCode} ${line.accountCode} ${accountName(line.accountCode)}`
                    : ''}
                </td>
                <td>{e.payee}</td>
                <Money value={inn} />
                <Money value={out} />
                <Money value={balance} />
                <td>
                  {e.recordedBy} {pending.has(e.id) ? `· ${t('fin_waiting')}` : ''}
                </td>
                <td>
                  {first &&
                    !closedYears.includes(year) &&
                    e.kind !== 'reversal' &&
                    !reversed.has(e.id) &&
                    (reversing?.id === e.id ? (
                      <form
                        onSubmit={reverse}
                        className="fin-inline"
                        aria-label={t('fin_reversal')}
                      >
                        <input
                          aria-label={t('fin_reverseReason')}
                          autoFocus
                          value={reversing.reason}
                          onChange={(ev) => setReversing({ id: e.id, reason: ev.target.value })}
                        />
                        <GatedButton action="ledger.post" type="submit">
                          {t('fin_saveReversal')}
                        </GatedButton>
                      </form>
                    ) : (
                      <GatedButton
                        action="ledger.post"
                        onClick={() => setReversing({ id: e.id, reason: '' })}
                      >
                        {t('fin_reverse')}
                      </GatedButton>
                    ))}
                  {first && reversed.has(e.id) && t('fin_reversedMark')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
