// APBDes entry: the year's lines (income 4, spending 5 under kegiatan, financing 6), totals and
// balance always visible; adopt (locks the version) and start an amendment (a new version).
import { useState, type FormEvent } from 'react';
import type { BudgetLineDoc } from '../../shared/documents/budget';
import {
  adoptBudget,
  budgetTotals,
  createBudgetLine,
  editBudgetLine,
  latestVersion,
  startAmendment,
} from '../../shared/finance/budget';
import { formatRupiah, parseRupiah } from '../../shared/finance/money';
import { importSiskeudesBudget, type ImportRejection } from '../../shared/finance/siskeudes';
import {
  accountClass,
  accountName,
  FUNDING_SOURCES,
  KEGIATAN_LIST,
  kegiatanName,
  POSTING_ACCOUNTS,
} from '../../shared/finance/reference';
import { useOpenSession } from '../state/session-store';
import { Errors, Field, Money, YearPicker } from './common';
import { saveFinanceDocs, useFinanceContext, useFinanceData, useFiscalYear } from './store';

const STAGE_LABEL = { draft: 'Rancangan', adopted: 'Ditetapkan', amendment: 'Rancangan perubahan' };

const EMPTY = {
  accountCode: '',
  kegiatanCode: '',
  fundingSource: 'DDS',
  description: '',
  amount: '',
  volume: '',
  unit: '',
  unitPrice: '',
};

export function BudgetScreen() {
  const { db, config } = useOpenSession();
  const ctx = useFinanceContext();
  const year = useFiscalYear((s) => s.year);
  const { lines } = useFinanceData(year);
  const working = latestVersion(lines, year);
  const locked = working.lines.some((l) => l.stage === 'adopted');
  const totals = budgetTotals(working.lines);
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const isSpending = accountClass(form.accountCode) === 'spending';
  const [rejected, setRejected] = useState<ImportRejection[]>([]);

  async function importFile(file: File) {
    const result = importSiskeudesBudget(
      await file.text(),
      { fiscalYear: year, villageCode: config.villageCode, existing: lines },
      ctx,
    );
    if (!result.ok) {
      setRejected(result.rejected);
      setNotice(`Tidak ada yang diimpor: ${result.rejected.length} baris ditolak.`);
      return;
    }
    setRejected([]);
    await save(
      result.lines,
      `${result.lines.length} baris anggaran diimpor dari ${result.rowsRead} baris Siskeudes.`,
    );
  }

  async function save(docs: BudgetLineDoc[], message: string) {
    try {
      await saveFinanceDocs(db, docs);
      setErrors({});
      setNotice(message);
    } catch (err) {
      setErrors({ save: err instanceof Error ? err.message : String(err) });
    }
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    const detail = form.volume.trim() !== '' || form.unitPrice.trim() !== '';
    const result = createBudgetLine(
      {
        fiscalYear: year,
        accountCode: form.accountCode,
        kegiatanCode: isSpending ? form.kegiatanCode : '',
        fundingSource: form.fundingSource,
        description: form.description,
        amount: form.amount.trim() ? (parseRupiah(form.amount) ?? NaN) : null,
        volume: detail ? Number(form.volume) : null,
        unit: form.unit,
        unitPrice: detail ? (parseRupiah(form.unitPrice) ?? NaN) : null,
      },
      lines,
      ctx,
    );
    if (!result.ok) {
      setErrors(result.errors);
      setNotice('');
      return;
    }
    await save([result.value], 'Baris anggaran tersimpan.');
    setForm({ ...EMPTY, fundingSource: form.fundingSource });
  }

  async function adopt() {
    const result = adoptBudget(lines, year, ctx);
    if (!result.ok) return setErrors(result.errors);
    await save(result.value, `APBDes ${year} ditetapkan dan dikunci.`);
  }

  async function amend() {
    const result = startAmendment(lines, year, ctx);
    if (!result.ok) return setErrors(result.errors);
    await save(result.value, 'Perubahan APBDes dimulai: versi baru dapat diubah.');
  }

  async function changeAmount(line: BudgetLineDoc, text: string) {
    const amount = parseRupiah(text);
    const result = editBudgetLine(line, { amount: amount ?? NaN }, ctx);
    if (!result.ok) return setErrors(result.errors);
    await save([result.value], 'Jumlah diubah.');
  }

  const set = (name: keyof typeof EMPTY) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  });

  return (
    <div className="finance">
      <div className="fin-toolbar">
        <YearPicker />
        <span data-testid="budget-stage">
          Versi {working.version || 1} ·{' '}
          {working.lines.length === 0 ? 'belum ada baris' : STAGE_LABEL[working.lines[0]!.stage]}
        </span>
        {!locked && working.lines.length > 0 && (
          <button type="button" onClick={adopt}>
            Tetapkan APBDes
          </button>
        )}
        {locked && (
          <button type="button" onClick={amend}>
            Buat perubahan (PAK)
          </button>
        )}
      </div>
      <table className="fin-totals" data-testid="budget-totals">
        <tbody>
          <tr>
            <th>Pendapatan</th>
            <Money value={totals.income} />
            <th>Belanja</th>
            <Money value={totals.spending} />
            <th>{totals.surplus >= 0 ? 'Surplus' : 'Defisit'}</th>
            <Money value={totals.surplus} />
          </tr>
          <tr>
            <th>Penerimaan pembiayaan</th>
            <Money value={totals.financingIn} />
            <th>Pengeluaran pembiayaan</th>
            <Money value={totals.financingOut} />
            <th>SiLPA</th>
            <Money value={totals.remainder} />
          </tr>
        </tbody>
      </table>
      <p className="form-notice" role="status">
        {notice}
      </p>
      <Errors errors={errors} />
      {!locked && (
        <label className="fin-field no-print">
          <span>Impor dari Siskeudes (CSV Ta_RABRinci)</span>
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importFile(file);
              e.target.value = '';
            }}
          />
        </label>
      )}
      {rejected.length > 0 && (
        <table className="fin-table" data-testid="import-rejected">
          <thead>
            <tr>
              <th>Baris</th>
              <th>Alasan</th>
            </tr>
          </thead>
          <tbody>
            {rejected.map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td>
                <td>{r.reasons.join(' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!locked && (
        <form className="fin-form" onSubmit={add} noValidate aria-label="Baris anggaran baru">
          <Field label="Rekening">
            <select {...set('accountCode')} name="accountCode">
              <option value="">— pilih rekening —</option>
              {POSTING_ACCOUNTS.map(([code, name]) => (
                <option key={code} value={code}>
                  {code} {name}
                </option>
              ))}
            </select>
          </Field>
          {isSpending && (
            <Field label="Kegiatan">
              <select {...set('kegiatanCode')} name="kegiatanCode">
                <option value="">— pilih kegiatan —</option>
                {KEGIATAN_LIST.map(([code, name]) => (
                  <option key={code} value={code}>
                    {code} {name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field label="Sumber dana">
            <select {...set('fundingSource')} name="fundingSource">
              {Object.entries(FUNDING_SOURCES).map(([code, name]) => (
                <option key={code} value={code}>
                  {code} {name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Uraian">
            <input {...set('description')} maxLength={300} />
          </Field>
          <Field label="Jumlah (Rp)">
            <input {...set('amount')} inputMode="numeric" />
          </Field>
          <Field label="Volume">
            <input {...set('volume')} inputMode="numeric" />
          </Field>
          <Field label="Satuan">
            <input {...set('unit')} maxLength={30} />
          </Field>
          <Field label="Harga satuan (Rp)">
            <input {...set('unitPrice')} inputMode="numeric" />
          </Field>
          <button type="submit">Tambah baris</button>
        </form>
      )}
      <table className="fin-table" data-testid="budget-lines">
        <thead>
          <tr>
            <th>Kegiatan</th>
            <th>Rekening</th>
            <th>Sumber</th>
            <th>Uraian</th>
            <th>Rincian</th>
            <th className="num">Jumlah</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {working.lines.map((l) => (
            <tr key={l.id}>
              <td>{l.kegiatanCode ? `${l.kegiatanCode} ${kegiatanName(l.kegiatanCode)}` : '—'}</td>
              <td>
                {l.accountCode} {accountName(l.accountCode)}
              </td>
              <td>{l.fundingSource}</td>
              <td>{l.description}</td>
              <td>
                {l.volume != null && l.unitPrice != null
                  ? `${l.volume} ${l.unit} × ${formatRupiah(l.unitPrice)}`
                  : ''}
              </td>
              {l.stage === 'adopted' ? (
                <Money value={l.amount} />
              ) : (
                <td className="num">
                  <input
                    aria-label={`Jumlah ${l.description}`}
                    defaultValue={String(l.amount)}
                    inputMode="numeric"
                    onBlur={(e) => {
                      if (parseRupiah(e.target.value) !== l.amount)
                        void changeAmount(l, e.target.value);
                    }}
                  />
                </td>
              )}
              <td>
                {STAGE_LABEL[l.stage]} {l.syncState === 'pending' ? '· menunggu' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
