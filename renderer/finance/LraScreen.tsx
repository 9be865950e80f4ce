// The realisation report (LRA): budget in force against realisation per bidang, sub-bidang,
// kegiatan and account, per funding source and per month, with bars; printable on A4 or F4 and
// exportable to CSV (and the Siskeudes-style interchange files). Months by name, the funding-source
// codes explained, and the print signed by the kepala desa and the bendahara.
import { useMemo, useState } from 'react';
import { map } from 'rxjs';
import { formatLongDate, localDate, monthName } from '../../shared/dates';
import type { OfficialDoc } from '../../shared/documents/village-admin';
import { FUNDING_SOURCES } from '../../shared/finance/reference';
import { useObservable } from '../state/use-observable';
import type { LraRow } from '../../shared/finance/lra';
import { computeLra } from '../../shared/finance/lra';
import { lraCsv, lraRows } from '../../shared/finance/csv';
import { xlsxWorkbook } from '../../shared/finance/xlsx';
import { basisPoints, formatBasisPoints, formatRupiah } from '../../shared/finance/money';
import { exportBudgetCsv, exportRealisationCsv } from '../../shared/finance/siskeudes';
import { useT } from '../i18n';
import { titleOf, useVillageIdentity } from '../office/VillageLabel';
import type { VillageIdentity } from '../office/office-data';
import { useOpenSession } from '../state/session-store';
import { download, Money, PaperPicker, YearPicker } from './common';
import { useFinanceData, useFiscalYear } from './store';

function Bar({ bp }: { bp: number }) {
  const width = Math.max(0, Math.min(100, Math.round(bp / 100)));
  return (
    <span className="fin-bar" aria-hidden="true">
      <span className={bp > 10000 ? 'over' : undefined} style={{ width: `${width}%` }} />
    </span>
  );
}

function Section({
  title,
  rows,
  testId,
  legend,
}: {
  title: string;
  rows: LraRow[];
  testId: string;
  legend?: string;
}) {
  const t = useT();
  if (rows.length === 0) return null;
  return (
    <section className="fin-section">
      <h2>{title}</h2>
      <table className="fin-table" data-testid={testId}>
        <thead>
          <tr>
            <th>{t('fin_code')}</th>
            <th>{t('fin_description')}</th>
            <th className="num">{t('fin_budget')}</th>
            <th className="num">{t('fin_realised')}</th>
            <th className="num">{t('fin_remainingShort')}</th>
            <th className="num">%</th>
            <th className="no-print-narrow"></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code} data-code={r.code}>
              <td>{r.code.replace('|', ' ')}</td>
              <td>{r.name}</td>
              <Money value={r.budget} />
              <Money value={r.realised} />
              <Money value={r.remaining} />
              <td className="num">{formatBasisPoints(r.bp)}</td>
              <td>
                <Bar bp={r.bp} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {legend && (
        <p className="fin-legend" data-testid={`${testId}-legend`}>
          {legend}
        </p>
      )}
    </section>
  );
}

/** What `P:DDS` and `B:ADD` in the funding-source table stand for. */
function sourceLegend(codes: readonly string[]): string {
  const sources = [...new Set(codes.map((c) => c.split(':')[1] ?? c))]
    .sort()
    .map((s) => `${s} = ${FUNDING_SOURCES[s] ?? s}`)
    .join(', ');
  return `Kode: P = pendapatan, B = belanja, diikuti sumber dana (${sources}).`;
}

type Signer = Pick<OfficialDoc, 'name' | 'employeeNumber'>;

/**
 * Who signs the print, by role: the officials the office lists under Profil Kantor, else the
 * regency's active `official` documents (the same order `signerOf` follows for letters).
 */
function useSigners(
  identity: VillageIdentity | null,
): Partial<Record<OfficialDoc['role'], Signer>> {
  const { db } = useOpenSession();
  const officials$ = useMemo(
    () =>
      db.registry
        .find({ selector: { type: 'official' } })
        .$.pipe(
          map((docs) =>
            docs.map((d) => d.toJSON() as unknown as OfficialDoc).filter((o) => o.active),
          ),
        ),
    [db],
  );
  const regency = useObservable<OfficialDoc[]>(officials$, []);
  const listed = identity?.office?.officials ?? [];
  const byRole = (role: OfficialDoc['role']) =>
    listed.find((o) => o.role === role && o.name.trim()) ?? regency.find((o) => o.role === role);
  return { 'kepala-desa': byRole('kepala-desa'), 'kaur-keuangan': byRole('kaur-keuangan') };
}

export function Signatures({ identity }: { identity: VillageIdentity | null }) {
  const officials = useSigners(identity);
  const blank = '(........................................)';
  const place = identity?.village.villageName;
  const signer = (title: string, o: Signer | undefined) => (
    <div>
      <p>{title}</p>
      <p className="fin-signature-space" />
      <p className={o ? 'fin-signature-name' : undefined}>{o?.name ?? blank}</p>
      {o?.employeeNumber && <p>NIP/NIPD {o.employeeNumber}</p>}
    </div>
  );
  return (
    <div className="fin-signatures" data-testid="lra-signatures">
      <p className="fin-signature-date">
        {place ? `${place}, ` : ''}
        {formatLongDate(localDate())}
      </p>
      <div className="fin-signature-row">
        {signer('Mengetahui, Kepala Desa', officials['kepala-desa'])}
        {signer('Bendahara Desa', officials['kaur-keuangan'])}
      </div>
    </div>
  );
}

export function LraScreen() {
  const { config } = useOpenSession();
  const identity = useVillageIdentity();
  const title = titleOf(identity, config.villageCode);
  const year = useFiscalYear((s) => s.year);
  const { lines, entries } = useFinanceData(year);
  // The semester report (realisasi semester I) is the LRA of the entries up to 30 June.
  const [semester, setSemester] = useState(false);
  const report = computeLra(
    lines,
    semester ? entries.filter((e) => e.date <= `${year}-06-30`) : entries,
    year,
  );
  const t = useT();
  const [paper, setPaper] = useState<'A4' | 'F4'>('F4');
  const b = report.budget;
  const r = report.realised;
  const base = `${config.villageCode}_${year}`;
  return (
    <div className="finance fin-report">
      <div className="fin-toolbar no-print">
        <YearPicker />
        <label>
          Periode{' '}
          <select
            value={semester ? 'semester' : 'tahun'}
            onChange={(e) => setSemester(e.target.value === 'semester')}
          >
            <option value="tahun">Satu tahun</option>
            <option value="semester">Semester I (s.d. 30 Juni)</option>
          </select>
        </label>
        <PaperPicker paper={paper} setPaper={setPaper} />
        <button type="button" onClick={() => window.print()}>
          {t('fin_print')}
        </button>
        <button type="button" onClick={() => download(`LRA_${base}.csv`, lraCsv(report))}>
          {t('fin_csv')}
        </button>
        <button
          type="button"
          onClick={() =>
            download(
              `LRA_${base}.xlsx`,
              xlsxWorkbook(`LRA ${year}`, lraRows(report)),
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            )
          }
        >
          {t('fin_xlsx')}
        </button>
        <button
          type="button"
          onClick={() =>
            download(`Anggaran_${base}.csv`, exportBudgetCsv(lines, year, config.villageCode))
          }
        >
          {t('fin_exportBudget')}
        </button>
        <button
          type="button"
          onClick={() =>
            download(
              `Realisasi_${base}.csv`,
              exportRealisationCsv(lines, entries, year, config.villageCode),
            )
          }
        >
          {t('fin_exportRealisation')}
        </button>
      </div>
      <h2 className="fin-lra-title" data-testid="lra-title">
        {t('fin_lraTitle')} {year}
        {semester && ' Semester I'}
        <span className="fin-lra-village">{title}</span>
      </h2>
      <p>
        {t('fin_budgetVersion')} {report.version} ·{' '}
        {report.adopted ? t('fin_adoptedLower') : t('fin_draftLower')}
      </p>
      <table className="fin-table fin-summary" data-testid="lra-summary">
        <thead>
          <tr>
            <th></th>
            <th className="num">{t('fin_budget')}</th>
            <th className="num">{t('fin_realised')}</th>
            <th className="num">%</th>
          </tr>
        </thead>
        <tbody>
          {(
            [
              ['fin_income', b.income, r.income],
              ['fin_spending', b.spending, r.spending],
              ['fin_surplusDeficit', b.surplus, r.surplus],
              ['fin_financingIn', b.financingIn, r.financingIn],
              ['fin_financingOut', b.financingOut, r.financingOut],
              ['fin_silpa', b.remainder, r.remainder],
            ] as const
          ).map(([name, budget, realised]) => (
            <tr key={name} data-row={name}>
              <th>{t(name)}</th>
              <Money value={budget} />
              <Money value={realised} />
              <td className="num">
                {name === 'fin_income' || name === 'fin_spending'
                  ? formatBasisPoints(basisPoints(realised, budget))
                  : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.outstandingAdvances !== 0 && (
        <p>
          {t('fin_outstanding')} {formatRupiah(report.outstandingAdvances)}
        </p>
      )}
      <Section title={t('fin_income')} rows={report.income} testId="lra-income" />
      <Section title={t('fin_byBidang')} rows={report.bidang} testId="lra-bidang" />
      <Section title={t('fin_bySubBidang')} rows={report.subBidang} testId="lra-subbidang" />
      <Section title={t('fin_byKegiatan')} rows={report.kegiatan} testId="lra-kegiatan" />
      <Section title={t('fin_byAccount')} rows={report.spendingAccounts} testId="lra-accounts" />
      <Section title={t('fin_financing')} rows={report.financing} testId="lra-financing" />
      <Section
        title={t('fin_bySource')}
        rows={report.fundingSources}
        testId="lra-sources"
        legend={sourceLegend(report.fundingSources.map((r) => r.code))}
      />
      {report.months.length > 0 && (
        <section className="fin-section">
          <h2>{t('fin_byMonth')}</h2>
          <table className="fin-table" data-testid="lra-months">
            <thead>
              <tr>
                <th>{t('fin_month')}</th>
                <th className="num">{t('fin_income')}</th>
                <th className="num">{t('fin_spending')}</th>
              </tr>
            </thead>
            <tbody>
              {report.months.map((m) => (
                <tr key={m.month}>
                  <td>{monthName(m.month)}</td>
                  <Money value={m.income} />
                  <Money value={m.spending} />
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <Signatures identity={identity} />
    </div>
  );
}
