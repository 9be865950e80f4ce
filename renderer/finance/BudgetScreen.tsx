// APBDes entry: the year's lines (income 4, spending 5 under kegiatan, financing 6), totals and
// balance always visible; adopt (locks the version, after a confirmation that records the Perdes
// number and date) and start an amendment (a new version). A role that may not write lines is
// told so before any form, not after filling one.
import { useState, type FormEvent } from 'react';
import type { BudgetLineDoc } from '../../shared/documents/budget';
import {
  adoptBudget,
  budgetTotals,
  perdesErrors,
  createBudgetLine,
  editBudgetLine,
  latestVersion,
  startAmendment,
} from '../../shared/finance/budget';
import { formatRupiah, parseRupiah } from '../../shared/finance/money';
import { importSiskeudesBudget, type ImportRejection } from '../../shared/finance/siskeudes';
import {
  accountChoices,
  accountClass,
  fundingSourceChoices,
  accountName,
  kegiatanName,
  searchKegiatan,
} from '../../shared/finance/reference';
import { formatLongDate } from '../../shared/dates';
import { may, refusal } from '../../shared/staff/permissions';
import { useOfficial } from '../state/official';
import { useT } from '../i18n';
import { GatedButton } from '../staff/GatedButton';
import { Button, buttonClass, Field as UiField, Message } from '../ui';
import { useOpenSession } from '../state/session-store';
import { Errors, Field, Money, YearPicker } from './common';
import { saveFinanceDocs, useFinanceContext, useFinanceData, useFiscalYear } from './store';

const STAGE_LABEL = {
  draft: 'fin_stage_draft',
  adopted: 'fin_stage_adopted',
  amendment: 'fin_stage_amendment',
} as const;

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
  const t = useT();
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
  const [kegiatanQuery, setKegiatanQuery] = useState('');
  const [confirming, setConfirming] = useState<{ number: string; date: string } | null>(null);
  /** The Perdes fields' own errors, shown under each and gone as it changes. */
  const [perdesRefused, setPerdesRefused] = useState<Record<string, string>>({});
  const role = useOfficial().role;
  const cannotEdit = refusal(role, 'budget.edit');
  const kegiatanShown = searchKegiatan(kegiatanQuery);
  const adoptedAs = working.lines.find((l) => l.stage === 'adopted' && l.perdesNumber);

  async function importFile(file: File) {
    const result = importSiskeudesBudget(
      await file.text(),
      { fiscalYear: year, villageCode: config.villageCode, existing: lines },
      ctx,
    );
    if (!result.ok) {
      setRejected(result.rejected);
      setNotice(`${t('fin_importRejected')} ${result.rejected.length}`);
      return;
    }
    setRejected([]);
    await save(result.lines, `${result.lines.length} ${t('fin_imported')}`);
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
    await save([result.value], t('fin_lineSaved'));
    setForm({ ...EMPTY, fundingSource: form.fundingSource });
  }

  async function adopt(event: FormEvent) {
    event.preventDefault();
    if (!confirming) return;
    const refused = perdesErrors(confirming, year);
    setPerdesRefused(refused);
    if (Object.keys(refused).length > 0) return;
    const result = adoptBudget(lines, year, ctx, confirming);
    if (!result.ok) return setErrors(result.errors);
    await save(result.value, `${t('fin_adopted')} (${year})`);
    setConfirming(null);
  }

  async function amend() {
    const result = startAmendment(lines, year, ctx);
    if (!result.ok) return setErrors(result.errors);
    await save(result.value, t('fin_amendStarted'));
  }

  async function changeAmount(line: BudgetLineDoc, text: string) {
    const amount = parseRupiah(text);
    const result = editBudgetLine(line, { amount: amount ?? NaN }, ctx);
    if (!result.ok) return setErrors(result.errors);
    await save([result.value], t('fin_amountChanged'));
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
          {t('fin_version')} {working.version || 1} ·{' '}
          {working.lines.length === 0 ? t('fin_noLines') : t(STAGE_LABEL[working.lines[0]!.stage])}
        </span>
        {!locked && working.lines.length > 0 && !confirming && (
          <GatedButton
            action="budget.adopt"
            onClick={() =>
              setConfirming({ number: '', date: new Date().toISOString().slice(0, 10) })
            }
          >
            {t('fin_adopt')}
          </GatedButton>
        )}
        {adoptedAs && (
          <span data-testid="budget-perdes">
            Perdes No. {adoptedAs.perdesNumber}
            {adoptedAs.perdesDate && `, ${formatLongDate(adoptedAs.perdesDate)}`}
          </span>
        )}
        {locked && (
          <GatedButton action="budget.edit" onClick={amend}>
            {t('fin_amend')}
          </GatedButton>
        )}
      </div>
      {confirming && (
        <form
          className="fin-form fin-confirm"
          onSubmit={adopt}
          noValidate
          aria-label="Penetapan APBDes"
        >
          <p role="note">
            Menetapkan APBDes {year} versi {working.version || 1} mengunci semua barisnya: jumlahnya
            tidak dapat diubah lagi, perubahan hanya lewat Perubahan APBDes (PAK). Catat Peraturan
            Desa yang menetapkannya.
          </p>
          <UiField
            id="perdes-number"
            label="Nomor Perdes APBDes"
            error={perdesRefused.perdesNumber}
          >
            {(control) => (
              <input
                {...control}
                value={confirming.number}
                maxLength={80}
                placeholder="mis. 1 Tahun 2026"
                onChange={(e) => {
                  setConfirming({ ...confirming, number: e.target.value });
                  setPerdesRefused({ ...perdesRefused, perdesNumber: '' });
                }}
              />
            )}
          </UiField>
          <UiField id="perdes-date" label="Tanggal Perdes" error={perdesRefused.perdesDate}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={confirming.date}
                onChange={(e) => {
                  setConfirming({ ...confirming, date: e.target.value });
                  setPerdesRefused({ ...perdesRefused, perdesDate: '' });
                }}
              />
            )}
          </UiField>
          <div className="ui-actions">
            <GatedButton action="budget.adopt" type="submit" className={buttonClass('primary')}>
              Ya, tetapkan dan kunci
            </GatedButton>
            <Button
              onClick={() => {
                setConfirming(null);
                setPerdesRefused({});
              }}
            >
              Batal
            </Button>
          </div>
        </form>
      )}
      <table className="fin-totals" data-testid="budget-totals">
        <tbody>
          <tr>
            <th>{t('fin_income')}</th>
            <Money value={totals.income} />
            <th>{t('fin_spending')}</th>
            <Money value={totals.spending} />
            <th>{t(totals.surplus >= 0 ? 'fin_surplus' : 'fin_deficit')}</th>
            <Money value={totals.surplus} />
          </tr>
          <tr>
            <th>{t('fin_financingIn')}</th>
            <Money value={totals.financingIn} />
            <th>{t('fin_financingOut')}</th>
            <Money value={totals.financingOut} />
            <th>{t('fin_silpa')}</th>
            <Money value={totals.remainder} />
          </tr>
        </tbody>
      </table>
      <p className="form-notice" role="status">
        {notice}
      </p>
      <Errors errors={errors} />
      {!locked && cannotEdit && (
        <Message tone="info" testId="budget-readonly">
          {cannotEdit} Anda dapat melihat anggaran
          {may(role, 'budget.adopt') ? ' dan menetapkannya' : ''}.
        </Message>
      )}
      {!locked && !cannotEdit && (
        <label className="fin-field no-print">
          <span>{t('fin_import')}</span>
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
              <th>{t('fin_row')}</th>
              <th>{t('fin_reason')}</th>
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
      {!locked && !cannotEdit && (
        <form className="fin-form" onSubmit={add} noValidate aria-label={t('fin_newLine')}>
          <Field label={t('fin_account')}>
            <select {...set('accountCode')} name="accountCode">
              <option value="">{t('fin_chooseAccount')}</option>
              {accountChoices().map(([code, name]) => (
                <option key={code} value={code}>
                  {code} {name}
                </option>
              ))}
            </select>
          </Field>
          {isSpending && (
            <>
              <Field label="Cari kode atau nama">
                <input
                  type="search"
                  value={kegiatanQuery}
                  placeholder="mis. jalan, posyandu, 02.03"
                  onChange={(e) => setKegiatanQuery(e.target.value)}
                />
              </Field>
              <Field label={t('fin_kegiatan')}>
                <select {...set('kegiatanCode')} name="kegiatanCode">
                  <option value="">
                    {kegiatanQuery
                      ? `— ${kegiatanShown.length} kegiatan cocok —`
                      : t('fin_chooseKegiatan')}
                  </option>
                  {/* The chosen one stays choosable while a search hides the rest. */}
                  {form.kegiatanCode && !kegiatanShown.some(([c]) => c === form.kegiatanCode) && (
                    <option value={form.kegiatanCode}>
                      {form.kegiatanCode} {kegiatanName(form.kegiatanCode)}
                    </option>
                  )}
                  {kegiatanShown.map(([code, name]) => (
                    <option key={code} value={code}>
                      {code} {name}
                    </option>
                  ))}
                </select>
              </Field>
            </>
          )}
          <Field label={t('fin_source')}>
            <select {...set('fundingSource')} name="fundingSource">
              {fundingSourceChoices().map(([code, name]) => (
                <option key={code} value={code}>
                  {code} {name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('fin_description')}>
            <input {...set('description')} maxLength={300} />
          </Field>
          <Field label={t('fin_amount')}>
            <input {...set('amount')} inputMode="numeric" />
          </Field>
          <Field label={t('fin_volume')}>
            <input {...set('volume')} inputMode="numeric" />
          </Field>
          <Field label={t('fin_unit')}>
            <input {...set('unit')} maxLength={30} />
          </Field>
          <Field label={t('fin_unitPrice')}>
            <input {...set('unitPrice')} inputMode="numeric" />
          </Field>
          <GatedButton action="budget.edit" type="submit">
            {t('fin_addLine')}
          </GatedButton>
        </form>
      )}
      <table className="fin-table" data-testid="budget-lines">
        <thead>
          <tr>
            <th>{t('fin_kegiatan')}</th>
            <th>{t('fin_account')}</th>
            <th>{t('fin_sourceShort')}</th>
            <th>{t('fin_description')}</th>
            <th>{t('fin_detail')}</th>
            <th className="num">{t('fin_amountShort')}</th>
            <th>{t('fin_status')}</th>
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
              {l.stage === 'adopted' || cannotEdit ? (
                <Money value={l.amount} />
              ) : (
                <td className="num">
                  <input
                    aria-label={`${t('fin_amountShort')} ${l.description}`}
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
                {t(STAGE_LABEL[l.stage])} {l.syncState === 'pending' ? `· ${t('fin_waiting')}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
