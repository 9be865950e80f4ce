// SPP (Surat Permintaan Pembayaran) on screen: the implementer draws one up against a spending
// line of the budget in force, the sekretaris checks it, the kepala desa approves it and the
// treasurer pays it — the payment goes into the Buku Kas with its taxes withheld. Each stage is
// its role's own button; to anyone else it stays disabled, and the reason is written under it.
// The selected SPP prints with its amount in words and the four signatures.
import { useState, type FormEvent } from 'react';
import type { SppDoc } from '../../shared/documents/budget';
import { budgetInForce } from '../../shared/finance/budget';
import { recordEntry } from '../../shared/finance/ledger';
import { formatRupiah, parseRupiah } from '../../shared/finance/money';
import { accountClass } from '../../shared/finance/reference';
import {
  SPP_STAGE_ACTIONS,
  SPP_STAGE_LABELS,
  advanceSpp,
  amountInWords,
  drawUpSpp,
  sppProgress,
} from '../../shared/finance/spp';
import { taxName } from '../../shared/finance/taxes';
import { refusal } from '../../shared/staff/permissions';
import { formatLongDate } from '../../shared/dates';
import { GatedButton } from '../staff/GatedButton';
import { useOfficial } from '../state/official';
import { useOpenSession } from '../state/session-store';
import { Errors, Field, TaxPicker, YearPicker } from './common';
import { today } from './LedgerScreen';
import { saveFinanceDocs, useFinanceContext, useFinanceData, useFiscalYear } from './store';

const EMPTY = {
  sppKind: 'LS' as 'LS' | 'UM',
  budgetLineId: '',
  date: today(),
  amount: '',
  payee: '',
  description: '',
  cashAccount: 'bank' as 'bank' | 'tunai',
};

export function SppScreen() {
  const { db } = useOpenSession();
  const ctx = useFinanceContext();
  const year = useFiscalYear((s) => s.year);
  const { lines, entries, spps, closedYears } = useFinanceData(year);
  const official = useOfficial();
  const [form, setForm] = useState(EMPTY);
  const [taxCodes, setTaxCodes] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [override, setOverride] = useState({ by: '', reason: '' });
  const inForce = budgetInForce(lines, year);
  const spending = inForce.adopted
    ? inForce.lines.filter((l) => accountClass(l.accountCode) === 'spending')
    : [];
  const lineOf = new Map(lines.map((l) => [l.id, l]));
  const shown = spps.find((s) => s.id === selected) ?? null;
  const set = (name: keyof typeof EMPTY) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  });

  async function save(docs: Parameters<typeof saveFinanceDocs>[1], message: string) {
    try {
      await saveFinanceDocs(db, docs);
      setErrors({});
      setNotice(message);
      return true;
    } catch (err) {
      setErrors({ save: err instanceof Error ? err.message : String(err) });
      setNotice('');
      return false;
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = drawUpSpp(
      {
        ...form,
        amount: parseRupiah(form.amount) ?? NaN,
        taxCodes: form.sppKind === 'LS' ? taxCodes : [],
      },
      { lines, entries, spps, closedYears },
      official.name,
      ctx,
    );
    if (!result.ok) return setErrors(result.errors);
    if (await save([result.value], `SPP ${result.value.number} disusun.`)) {
      setForm({ ...EMPTY, date: form.date });
      setTaxCodes([]);
      setSelected(result.value.id);
    }
  }

  async function advance(spp: SppDoc) {
    const { next } = sppProgress(spp);
    if (!next) return;
    const now = new Date().toISOString();
    if (next !== 'paid') {
      const result = advanceSpp(spp, next, official.name, now);
      if (!result.ok) return setErrors(result.errors);
      await save([result.value], `SPP ${spp.number}: ${SPP_STAGE_LABELS[next]}.`);
      return;
    }
    // Paying writes the Buku Kas entry (with its taxes) and the stage that points to it, together.
    const paid = recordEntry(
      {
        budgetLineId: spp.budgetLineId,
        kind: spp.sppKind === 'LS' ? 'payment-ls' : 'payment-um',
        date: today().startsWith(String(year)) ? today() : spp.date,
        amount: spp.amount,
        evidenceNumber: spp.number,
        payee: spp.payee,
        description: spp.description,
        cashAccount: spp.cashAccount,
        taxCodes: spp.taxes.map((t) => t.code),
        sppId: spp.id,
        override: override.by ? override : null,
      },
      { lines, entries, closedYears },
      official.name,
      ctx,
    );
    if (!paid.ok) return setErrors(paid.errors);
    const stage = advanceSpp(spp, 'paid', official.name, now, paid.value);
    if (!stage.ok) return setErrors(stage.errors);
    await save([paid.value, stage.value], `SPP ${spp.number} dibayar dan tercatat di buku kas.`);
  }

  return (
    <div className="finance fin-report">
      <div className="fin-toolbar no-print">
        <YearPicker />
        {shown && (
          <button type="button" onClick={() => window.print()}>
            Cetak SPP
          </button>
        )}
      </div>
      <form className="fin-form no-print" onSubmit={submit} noValidate aria-label="SPP baru">
        <Field label="Jenis SPP">
          <select {...set('sppKind')}>
            <option value="LS">SPP LS (dibayar ke penyedia)</option>
            <option value="UM">SPP UM (panjar kegiatan)</option>
          </select>
        </Field>
        <Field label="Baris belanja">
          <select {...set('budgetLineId')}>
            <option value="">— pilih baris —</option>
            {spending.map((l) => (
              <option key={l.id} value={l.id}>
                {l.kegiatanCode} {l.accountCode} {l.fundingSource} · {l.description}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Tanggal SPP">
          <input type="date" {...set('date')} />
        </Field>
        <Field label="Jumlah SPP (Rp)">
          <input {...set('amount')} inputMode="numeric" />
        </Field>
        <Field label="Penerima pembayaran">
          <input {...set('payee')} maxLength={120} />
        </Field>
        <Field label="Untuk keperluan">
          <input {...set('description')} maxLength={300} />
        </Field>
        <Field label="Dibayar dari">
          <select {...set('cashAccount')}>
            <option value="bank">Bank (rekening kas desa)</option>
            <option value="tunai">Tunai</option>
          </select>
        </Field>
        {form.sppKind === 'LS' && (
          <TaxPicker legend="Pajak dipotong" codes={taxCodes} setCodes={setTaxCodes} />
        )}
        <GatedButton action="spp.draw" type="submit">
          Susun SPP
        </GatedButton>
      </form>
      <p className="form-notice no-print" role="status">
        {notice}
      </p>
      <Errors errors={errors} />
      <table className="fin-table no-print" data-testid="spp-list">
        <thead>
          <tr>
            <th>Nomor</th>
            <th>Tanggal</th>
            <th>Jenis</th>
            <th>Penerima</th>
            <th className="num">Jumlah</th>
            <th>Tahap</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {spps.map((s) => {
            const { at, next } = sppProgress(s);
            const why = next ? refusal(official.role, SPP_STAGE_ACTIONS[next]) : null;
            return (
              <tr key={s.id} data-spp={s.number}>
                <td>
                  <button type="button" className="fin-link" onClick={() => setSelected(s.id)}>
                    {s.number}
                  </button>
                </td>
                <td>{formatLongDate(s.date)}</td>
                <td>SPP {s.sppKind}</td>
                <td>{s.payee}</td>
                <td className="num">{formatRupiah(s.amount)}</td>
                <td>{SPP_STAGE_LABELS[at]}</td>
                <td>
                  {next && (
                    <>
                      <GatedButton action={SPP_STAGE_ACTIONS[next]} onClick={() => void advance(s)}>
                        {SPP_STAGE_LABELS[next].split(' ')[0]}
                      </GatedButton>
                      {why && <p className="fin-refusal">{why}</p>}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {shown && sppProgress(shown).next === 'paid' && (
        <div className="fin-form no-print" aria-label="Persetujuan melebihi saldo">
          <Field label="Pejabat yang menyetujui bila melebihi saldo">
            <input
              value={override.by}
              onChange={(e) => setOverride({ ...override, by: e.target.value })}
            />
          </Field>
          <Field label="Alasan">
            <input
              value={override.reason}
              onChange={(e) => setOverride({ ...override, reason: e.target.value })}
            />
          </Field>
        </div>
      )}
      {shown && <SppPrint spp={shown} lineText={lineText(lineOf.get(shown.budgetLineId))} />}
    </div>
  );
}

const lineText = (
  l: { kegiatanCode: string; accountCode: string; description: string } | undefined,
) => (l ? `${l.kegiatanCode} ${l.accountCode} ${l.description}` : '');

/** The SPP as it is printed: number, what for, amount in figures and words, taxes, four hands. */
function SppPrint({ spp, lineText }: { spp: SppDoc; lineText: string }) {
  const taxes = spp.taxes.reduce((a, t) => a + t.amount, 0);
  const by = (stage: SppDoc['stages'][number]['stage']) =>
    spp.stages.find((s) => s.stage === stage)?.by ?? '(........................)';
  return (
    <section className="fin-section spp-print" data-testid="spp-print">
      <h2>Surat Permintaan Pembayaran ({spp.sppKind === 'LS' ? 'SPP LS' : 'SPP UM / Panjar'})</h2>
      <p>Nomor: {spp.number}</p>
      <p>Tanggal: {formatLongDate(spp.date)}</p>
      <p>Kegiatan / rekening: {lineText}</p>
      <p>Kepada: {spp.payee}</p>
      <p>Untuk: {spp.description}</p>
      <p>
        Jumlah: <strong>{formatRupiah(spp.amount)}</strong>
      </p>
      <p data-testid="spp-words">Terbilang: {amountInWords(spp.amount)}</p>
      {spp.taxes.length > 0 && (
        <p>
          Potongan pajak:{' '}
          {spp.taxes.map((t) => `${taxName(t.code)} ${formatRupiah(t.amount)}`).join('; ')} —
          dibayar bersih {formatRupiah(spp.amount - taxes)}
        </p>
      )}
      <div className="fin-signature-row">
        {(
          [
            ['drawn', 'Pelaksana Kegiatan'],
            ['checked', 'Sekretaris Desa'],
            ['approved', 'Kepala Desa'],
            ['paid', 'Kaur Keuangan'],
          ] as const
        ).map(([stage, title]) => (
          <div key={stage}>
            <p>{title}</p>
            <p className="fin-signature-space" />
            <p>{by(stage)}</p>
          </div>
        ))}
      </div>
    </section>
  );
}
