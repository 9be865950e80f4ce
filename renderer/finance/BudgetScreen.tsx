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
  accountChoices,
  accountClass,
  fundingSourceChoices,
  kegiatanChoices,
  accountName,
  kegiatanName,
} from '../../shared/finance/reference';
import { useT } from '../i18n';
import { GatedButton } from '../staff/GatedButton';
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

  async function adopt() {
    const result = adoptBudget(lines, year, ctx);
    if (!result.ok) return setErrors(result.errors);
    await save(result.value, `${t('fin_adopted')} (${year})`);
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
        {!locked && working.lines.length > 0 && (
          <GatedButton action="budget.adopt" onClick={adopt}>
            {t('fin_adopt')}
          </GatedButton>
        )}
        {locked && (
          <GatedButton action="budget.edit" onClick={amend}>
            {t('fin_amend')}
          </GatedButton>
        )}
      </div>
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
      {!locked && (
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
      {!locked && (
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
            <Field label={t('fin_kegiatan')}>
              <select {...set('kegiatanCode')} name="kegiatanCode">
                <option value="">{t('fin_chooseKegiatan')}</option>
                {kegiatanChoices().map(([code, name]) => (
                  <option key={code} value={code}>
                    {code} {name}
                  </option>
                ))}
              </select>
            </Field>
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
              {l.stage === 'adopted' ? (
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
