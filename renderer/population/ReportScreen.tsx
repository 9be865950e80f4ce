// Laporan Bulanan Penduduk: a month's start, births, deaths, arrivals, departures, missing and
// found, and end, by sex and WNI/WNA with the families; by event date or by report date; with the
// by-name list behind every change. The kepala desa closes an ended month: the closed report is
// written once, syncs to the regency and is shown as it was sent; events recorded later for a
// closed month are carried by the next open month as late reports.
import { useMemo, useState } from 'react';
import type { ReportBasis, ReportColumn } from '../../shared/documents/population';
import { REPORT_COLUMNS } from '../../shared/documents/population';
import { localDate } from '../../shared/dates';
import { EVENT_KIND_LABELS } from '../../shared/population/events';
import { countRegister } from '../../shared/population/register';
import {
  closeMonth,
  COLUMN_LABELS,
  monthlyReport,
  monthOf,
  previousMonth,
} from '../../shared/population/report';
import { reportTable } from '../../shared/population/books';
import { buttonClass, Card, Message, Table } from '../ui';
import { GatedButton } from '../staff/GatedButton';
import { useOfficial } from '../state/official';
import { useOpenSession } from '../state/session-store';
import { BookView } from './BookView';
import { saveClosedReport } from './data';
import { usePopulation } from './usePopulation';
import './population.css';

export function ReportScreen() {
  const { db, ids, config } = useOpenSession();
  const official = useOfficial();
  const { data, reload } = usePopulation(db);
  const [month, setMonth] = useState(() => previousMonth(monthOf(localDate())));
  const [basis, setBasis] = useState<ReportBasis>('event');
  const [column, setColumn] = useState<ReportColumn | 'lain' | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const input = useMemo(
    () =>
      data && {
        basis,
        events: data.events,
        closed: data.closed,
        current: countRegister(data.current),
      },
    [data, basis],
  );
  const report = useMemo(() => input && monthlyReport(month, input), [input, month]);

  async function close() {
    if (!input) return;
    setMessage(null);
    const made = closeMonth(month, input, {
      author: { villageCode: config.villageCode, kioskId: config.kioskId, ids },
      closedBy: official.name,
      today: localDate(),
      now: new Date().toISOString(),
    });
    if (!made.ok) return setMessage({ tone: 'error', text: made.message });
    try {
      await saveClosedReport(db, made.doc);
    } catch (err) {
      return setMessage({ tone: 'error', text: (err as Error).message });
    }
    setMessage({ tone: 'success', text: `Laporan ${month} ditutup dan dikirim ke kabupaten.` });
    reload();
  }

  const lines =
    report?.lines.filter((l) => (column === 'lain' ? l.column === null : l.column === column)) ??
    [];

  return (
    <section className="population ui-stack" aria-label="Laporan Bulanan Penduduk">
      <p className="population-lead">
        Awal bulan sama dengan akhir bulan sebelumnya; setiap angka dapat dibuka menjadi daftar
        nama.
      </p>
      <div className="ui-row no-print">
        <label>
          Bulan{' '}
          <input
            type="month"
            value={month}
            data-testid="report-month"
            onChange={(e) => e.target.value && setMonth(e.target.value)}
          />
        </label>
        <label>
          Dasar{' '}
          <select value={basis} onChange={(e) => setBasis(e.target.value as ReportBasis)}>
            <option value="event">Tanggal peristiwa</option>
            <option value="report">Tanggal lapor</option>
          </select>
        </label>
      </div>
      {!report && <p>Memuat…</p>}
      {report && (
        <>
          {report.closed ? (
            <Message tone="info" testId="report-state">
              Ditutup oleh {report.closed.closedBy} pada {report.closed.closedAt.slice(0, 10)}.
              Laporan ini tetap seperti yang dikirim; peristiwa yang tercatat kemudian masuk laporan
              bulan berikutnya sebagai laporan terlambat.
            </Message>
          ) : (
            <div className="ui-row no-print">
              <Message tone="warning" testId="report-state">
                Belum ditutup.
              </Message>
              <GatedButton
                action="population.close"
                className={buttonClass('primary')}
                onClick={() => void close()}
              >
                Tutup laporan {month}
              </GatedButton>
            </div>
          )}
          {message && (
            <Message tone={message.tone} testId="report-message">
              {message.text}
            </Message>
          )}
          <Card label="Laporan">
            <BookView
              book={reportTable(report)}
              fileName={`Laporan_Penduduk_${config.villageCode}_${month}`}
            />
          </Card>
          <Card title="Daftar nama">
            <div className="ui-row no-print" role="group" aria-label="Daftar nama per kolom">
              {REPORT_COLUMNS.map((c) => (
                <button
                  key={c}
                  type="button"
                  className={buttonClass(column === c ? 'primary' : 'secondary', true)}
                  onClick={() => setColumn(c)}
                >
                  {COLUMN_LABELS[c]} ({report.lines.filter((l) => l.column === c).length})
                </button>
              ))}
              <button
                type="button"
                className={buttonClass(column === 'lain' ? 'primary' : 'secondary', true)}
                onClick={() => setColumn('lain')}
              >
                Mutasi lain ({report.lines.filter((l) => l.column === null).length})
              </button>
            </div>
            {column && (
              <Table
                testId="report-names"
                head={
                  <>
                    <th>Nama</th>
                    <th>NIK</th>
                    <th>L/P</th>
                    <th>WNI/WNA</th>
                    <th>Peristiwa</th>
                    <th>Tgl peristiwa</th>
                    <th>Tgl lapor</th>
                    <th>Keterangan</th>
                  </>
                }
              >
                {lines.map((l) => (
                  <tr key={l.eventId}>
                    <td>{l.name}</td>
                    <td>{l.nik}</td>
                    <td>{l.sex}</td>
                    <td>{l.nationality}</td>
                    <td>{EVENT_KIND_LABELS[l.kind]}</td>
                    <td>{l.eventDate}</td>
                    <td>{l.reportDate}</td>
                    <td>
                      {l.late && <span className="ui-badge">laporan terlambat</span>}
                      {l.sign < 0 && <span className="ui-badge ui-badge--danger">pembatalan</span>}
                    </td>
                  </tr>
                ))}
              </Table>
            )}
          </Card>
        </>
      )}
    </section>
  );
}
