// The transparency board (papan informasi APBDes): a full-screen public view for the hall's TV or
// the kiosk's second screen. Only totals per bidang — no names, no payees, no evidence numbers.
// Large type, plain Bahasa Indonesia, under the village's name, rotating every few seconds. Open it from the menu or at `#papan`.
import { useEffect, useState } from 'react';
import { computeLra } from '../../shared/finance/lra';
import { basisPoints, formatBasisPoints, formatRupiah } from '../../shared/finance/money';
import { useVillageTitle } from '../office/VillageLabel';
import { useNavigation } from '../state/navigation';
import { useFinanceData, useFiscalYear } from './store';

const ROTATE_MS = 10_000;

function Progress({ bp }: { bp: number }) {
  return (
    <span className="board-bar">
      <span style={{ width: `${Math.max(0, Math.min(100, Math.round(bp / 100)))}%` }} />
    </span>
  );
}

export function BoardScreen() {
  const year = useFiscalYear((s) => s.year);
  const { lines, entries } = useFinanceData(year);
  const lra = computeLra(lines, entries, year);
  const [slide, setSlide] = useState(0);
  const go = useNavigation((s) => s.go);
  const village = useVillageTitle();
  useEffect(() => {
    const timer = setInterval(() => setSlide((s) => (s + 1) % 3), ROTATE_MS);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') go('anggaran');
      if (e.key === 'ArrowRight') setSlide((s) => (s + 1) % 3);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      clearInterval(timer);
      window.removeEventListener('keydown', onKey);
    };
  }, [go]);
  const b = lra.budget;
  const r = lra.realised;
  return (
    <div className="board" data-testid="board" data-slide={slide}>
      <h1>
        APBDes Tahun {year}
        <span className="board-village" data-testid="board-village">
          {village}
        </span>
      </h1>
      {slide === 0 && (
        <section>
          <h2>Pendapatan desa</h2>
          <p className="board-big" data-testid="board-income">
            {formatRupiah(r.income)}
          </p>
          <p>diterima dari rencana {formatRupiah(b.income)}</p>
          <Progress bp={basisPoints(r.income, b.income)} />
        </section>
      )}
      {slide === 1 && (
        <section>
          <h2>Belanja per bidang</h2>
          <table className="board-table" data-testid="board-bidang">
            <tbody>
              {lra.bidang.map((row) => (
                <tr key={row.code}>
                  <th>{row.name}</th>
                  <td>{formatRupiah(row.realised)}</td>
                  <td>dari {formatRupiah(row.budget)}</td>
                  <td>
                    <Progress bp={row.bp} /> {formatBasisPoints(row.bp)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {slide === 2 && (
        <section>
          <h2>Ringkasan</h2>
          <table className="board-table">
            <tbody>
              <tr>
                <th>Pendapatan</th>
                <td>{formatRupiah(r.income)}</td>
              </tr>
              <tr>
                <th>Belanja</th>
                <td data-testid="board-spending">{formatRupiah(r.spending)}</td>
              </tr>
              <tr>
                <th>Pembiayaan netto</th>
                <td>{formatRupiah(r.netFinancing)}</td>
              </tr>
              <tr>
                <th>Sisa kas</th>
                <td>{formatRupiah(r.remainder)}</td>
              </tr>
            </tbody>
          </table>
        </section>
      )}
      <nav className="board-dots" aria-label="Halaman papan">
        {[0, 1, 2].map((i) => (
          <button
            key={i}
            type="button"
            aria-label={`Halaman ${i + 1}`}
            aria-current={i === slide ? 'page' : undefined}
            onClick={() => setSlide(i)}
          />
        ))}
      </nav>
      <button type="button" className="board-close" onClick={() => go('anggaran')}>
        Tutup papan
      </button>
    </div>
  );
}
