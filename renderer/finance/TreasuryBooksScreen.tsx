// The treasurer's books on screen (Permendagri 20/2018): Buku Kas Umum, Buku Pembantu Bank, Kas
// Tunai, Pajak and Panjar, each with its running balance and totals, printed on A4 or F4 with the
// signature blocks, and downloaded as CSV or XLSX — all from one table (treasury-tables.ts).
// Closing the year (tutup buku) is here too: the treasurer's act, carrying the balances forward.
import { useState } from 'react';
import { closeYear } from '../../shared/finance/closing';
import { formatRupiah } from '../../shared/finance/money';
import {
  TREASURY_BOOKS,
  treasuryTable,
  type TreasuryBookId,
} from '../../shared/finance/treasury-tables';
import { toCsv } from '../../shared/csv';
import { xlsxWorkbook } from '../../shared/finance/xlsx';
import { GatedButton } from '../staff/GatedButton';
import { useOfficial } from '../state/official';
import { useOpenSession } from '../state/session-store';
import { titleOf, useVillageIdentity } from '../office/VillageLabel';
import { Errors, PaperPicker, YearPicker, download } from './common';
import { Signatures } from './LraScreen';
import { today } from './LedgerScreen';
import { saveFinanceDocs, useFinanceContext, useFinanceData, useFiscalYear } from './store';

export function TreasuryBooksScreen() {
  const { db, config } = useOpenSession();
  const ctx = useFinanceContext();
  const identity = useVillageIdentity();
  const year = useFiscalYear((s) => s.year);
  const { lines, entries, closedYears, carriedIn } = useFinanceData(year);
  const next = useFinanceData(year + 1);
  const official = useOfficial();
  const [book, setBook] = useState<TreasuryBookId>('umum');
  const [paper, setPaper] = useState<'A4' | 'F4'>('F4');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const table = treasuryTable(book, entries, lines);
  const name = TREASURY_BOOKS[book];
  const file = `${name.replace(/ /g, '_')}_${config.villageCode}_${year}`;
  const closed = closedYears.includes(year);

  async function close() {
    const result = closeYear(
      year,
      { lines, entries, closedYears, nextEntries: next.entries },
      today() > `${year}-12-31` ? today() : `${year}-12-31`,
      official.name,
      ctx,
    );
    if (!result.ok) return setErrors(result.errors);
    try {
      await saveFinanceDocs(db, [...result.value.openings, result.value.closing]);
      setErrors({});
      setNotice(`Buku ${year} ditutup; saldo dibawa ke ${year + 1}.`);
    } catch (err) {
      setErrors({ save: err instanceof Error ? err.message : String(err) });
    }
  }

  const cell = (v: string | number, money: boolean | undefined, key: number) =>
    money ? (
      <td key={key} className="num">
        {typeof v === 'number' ? formatRupiah(v) : v}
      </td>
    ) : (
      <td key={key}>{v}</td>
    );

  return (
    <div className="finance fin-report">
      <div className="fin-toolbar no-print">
        <YearPicker />
        <div role="tablist" aria-label="Buku bendahara" className="fin-tabs">
          {(Object.keys(TREASURY_BOOKS) as TreasuryBookId[]).map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={book === id}
              className={book === id ? 'fin-tab-active' : undefined}
              onClick={() => setBook(id)}
            >
              {TREASURY_BOOKS[id]}
            </button>
          ))}
        </div>
        <PaperPicker paper={paper} setPaper={setPaper} />
        <button type="button" onClick={() => window.print()}>
          Cetak
        </button>
        <button
          type="button"
          onClick={() =>
            download(`${file}.csv`, toCsv([table.header, ...table.rows, ...table.totals]))
          }
        >
          Unduh CSV
        </button>
        <button
          type="button"
          onClick={() =>
            download(
              `${file}.xlsx`,
              xlsxWorkbook(name.slice(0, 31), [table.header, ...table.rows, ...table.totals]),
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            )
          }
        >
          Unduh XLSX
        </button>
      </div>
      <h1 className="fin-print-title">
        {name} Tahun {year}
      </h1>
      <p>{titleOf(identity, config.villageCode)}</p>
      {carriedIn && (
        <p data-testid="carried-in">
          Dibawa dari {carriedIn.fiscalYear}: bank {formatRupiah(carriedIn.bank)}, tunai{' '}
          {formatRupiah(carriedIn.tunai)}.
        </p>
      )}
      <table className="fin-table" data-testid="treasury-book">
        <thead>
          <tr>
            {table.header.map((h, i) => (
              <th key={h} className={table.money[i] ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>{row.map((v, i) => cell(v, table.money[i], i))}</tr>
          ))}
        </tbody>
        <tfoot>
          {table.totals.map((row, r) => (
            <tr key={r} className="fin-total">
              {row.map((v, i) => cell(v, table.money[i], i))}
            </tr>
          ))}
        </tfoot>
      </table>
      <Signatures identity={identity} />
      <section className="fin-section no-print" aria-label="Tutup buku">
        <h2>Tutup buku {year}</h2>
        {closed ? (
          <p data-testid="closed-notice">
            Tahun anggaran {year} sudah ditutup; koreksi dicatat sebagai pembalikan di tahun yang
            masih terbuka.
          </p>
        ) : (
          <>
            <p>
              Saldo bank dan tunai dibawa ke {year + 1} sebagai saldo awal; setelah itu tidak ada
              entri baru di {year}.
            </p>
            <GatedButton action="books.close" onClick={() => void close()}>
              Tutup buku {year}
            </GatedButton>
          </>
        )}
        <p className="form-notice" role="status">
          {notice}
        </p>
        <Errors errors={errors} />
      </section>
    </div>
  );
}
