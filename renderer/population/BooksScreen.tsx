// Buku Administrasi Penduduk (Permendagri 47/2016): B.1 to B.5 from the register and the events,
// each on screen, printed and as CSV/XLSX.
import { useMemo, useState } from 'react';
import { localDate } from '../../shared/dates';
import {
  BOOK_TITLES,
  bookB1,
  bookB2,
  bookB3,
  bookB4,
  bookB5,
  type BookTable,
} from '../../shared/population/books';
import { countRegister } from '../../shared/population/register';
import { monthlyReport, monthOf } from '../../shared/population/report';
import { buttonClass, Card } from '../ui';
import { useOpenSession } from '../state/session-store';
import { BookView } from './BookView';
import { usePopulation, type PopulationData } from './usePopulation';
import './population.css';

type Code = BookTable['code'];

function bookOf(data: PopulationData, code: Code, month: string): BookTable {
  const report = () =>
    monthlyReport(month, {
      basis: 'event',
      events: data.events,
      closed: data.closed,
      current: countRegister(data.current),
    });
  switch (code) {
    case 'B1':
      return bookB1(data.current);
    case 'B2':
      return bookB2(report(), data.events);
    case 'B3':
      return bookB3(report());
    case 'B4':
      return bookB4();
    case 'B5':
      return bookB5(data.current, localDate());
  }
}

export function BooksScreen() {
  const { db, config } = useOpenSession();
  const { data } = usePopulation(db);
  const [code, setCode] = useState<Code>('B1');
  const [month, setMonth] = useState(() => monthOf(localDate()));

  const book = useMemo(() => data && bookOf(data, code, month), [data, code, month]);

  return (
    <section className="population ui-stack" aria-label="Buku Administrasi Penduduk">
      <p className="population-lead">
        Buku B.1–B.5 dari data penduduk dan mutasinya, untuk dilihat, dicetak dan diunduh.
      </p>
      <div className="ui-row no-print" role="tablist" aria-label="Buku">
        {(Object.keys(BOOK_TITLES) as Code[]).map((c) => (
          <button
            key={c}
            type="button"
            role="tab"
            aria-selected={c === code}
            className={buttonClass(c === code ? 'primary' : 'secondary', true)}
            onClick={() => setCode(c)}
          >
            {BOOK_TITLES[c]}
          </button>
        ))}
        {(code === 'B2' || code === 'B3') && (
          <label>
            Bulan{' '}
            <input
              type="month"
              value={month}
              onChange={(e) => e.target.value && setMonth(e.target.value)}
            />
          </label>
        )}
      </div>
      <Card label={book?.title ?? 'Buku'}>
        {!book && <p>Memuat…</p>}
        {book && <BookView book={book} fileName={`${book.code}_${config.villageCode}`} />}
      </Card>
    </section>
  );
}
