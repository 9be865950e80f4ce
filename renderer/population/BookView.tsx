// One population book or report table on screen, printable (A4/F4, landscape where the form is
// wide, through @page as the LRA and letters do) and downloadable as CSV and XLSX from the same
// rows (shared/population/books.ts).
import { useState } from 'react';
import { toCsv } from '../../shared/csv';
import { xlsxWorkbook } from '../../shared/finance/xlsx';
import { bookRows, type BookTable } from '../../shared/population/books';
import { download } from '../finance/common';
import { Button, Table } from '../ui';

/** Rows shown on screen at once; print and the files carry every row. */
const PAGE = 200;

export function BookView({ book, fileName }: { book: BookTable; fileName: string }) {
  const [paper, setPaper] = useState<'A4' | 'F4'>('F4');
  const [all, setAll] = useState(false);
  const size = paper === 'F4' ? '215mm 330mm' : 'A4';
  const rows = all ? book.rows : book.rows.slice(0, PAGE);

  function print() {
    setAll(true);
    // Let React put every row on the page before the print dialog takes it.
    setTimeout(() => window.print(), 50);
  }

  return (
    <div className="population-book ui-stack" data-testid={`book-${book.code}`}>
      <style>{`@page { size: ${size}${book.landscape ? ' landscape' : ''}; margin: 12mm; }`}</style>
      <div className="ui-row no-print">
        <label>
          Kertas{' '}
          <select value={paper} onChange={(e) => setPaper(e.target.value as 'A4' | 'F4')}>
            <option value="F4">F4</option>
            <option value="A4">A4</option>
          </select>
        </label>
        <Button onClick={print}>Cetak</Button>
        <Button onClick={() => download(`${fileName}.csv`, toCsv(bookRows(book)))}>CSV</Button>
        <Button
          onClick={() =>
            download(
              `${fileName}.xlsx`,
              xlsxWorkbook(book.code, bookRows(book)),
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            )
          }
        >
          XLSX
        </Button>
      </div>
      <h2 className="population-book-title">{book.title}</h2>
      {book.note && <p className="population-book-note">{book.note}</p>}
      <Table
        head={book.head.map((h) => (
          <th key={h}>{h}</th>
        ))}
      >
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) => (
              <td key={j} className={typeof cell === 'number' ? 'num' : undefined}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </Table>
      {!all && book.rows.length > PAGE && (
        <p className="no-print">
          {PAGE} dari {book.rows.length} baris ditampilkan.{' '}
          <Button small variant="quiet" onClick={() => setAll(true)}>
            Tampilkan semua
          </Button>
        </p>
      )}
    </div>
  );
}
