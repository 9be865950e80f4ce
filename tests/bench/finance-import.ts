// A full year's APBDes imported from a Siskeudes-style Ta_RABRinci CSV: BENCH_FINANCE_ROWS detail
// rows (default 5,000 — several times a large village's budget) parsed, checked row by row and
// merged into budget lines, then written to a kiosk store (RxDB memory storage); plus a malformed
// copy of the same file, rejected as a whole.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createIdGenerator } from '../../shared/ids';
import { importSiskeudesBudget } from '../../shared/finance/siskeudes';
import { KEGIATAN_LIST } from '../../shared/finance/reference';
import { openKioskDatabase } from '../../renderer/db/database';
import { pendingLocal } from '../../sync/client/local-fields';

const VILLAGE = '3510992001';

export function yearCsv(rows: number): string {
  const header =
    'Tahun;Kd_Desa;Kd_Keg;Kd_Rincian;SumberDana;Uraian;JmlSatuan;Satuan;HrgSatuan;Anggaran';
  const out = [header];
  const accounts = ['5.1.1', '5.2.1', '5.2.2', '5.2.3', '5.2.5', '5.3.4', '5.3.5'];
  const sources = ['DDS', 'ADD', 'PAD'];
  const kegiatan = KEGIATAN_LIST.map(([k]) => k);
  let spending = 0;
  for (let i = 0; i < rows - 3; i++) {
    const volume = 1 + (i % 17);
    const price = 25_000 * (1 + (i % 40));
    spending += volume * price;
    out.push(
      [
        2026,
        '35.10.99.2001.',
        kegiatan[i % kegiatan.length],
        `${accounts[i % accounts.length]}.`,
        sources[i % sources.length],
        `Rincian belanja nomor ${i + 1}`,
        volume,
        'paket',
        price,
        volume * price,
      ].join(';'),
    );
  }
  const half = Math.ceil(spending / 2);
  out.push(`2026;35.10.99.2001.;00.00.00.;4.2.1.;DDS;Dana Desa;1;tahun;${half};${half}`);
  out.push(`2026;35.10.99.2001.;00.00.00.;4.2.3.;ADD;Alokasi Dana Desa;1;tahun;${half};${half}`);
  out.push('2026;35.10.99.2001.;00.00.00.;6.1.1.;DLL;SiLPA tahun lalu;1;tahun;10000000;10000000');
  return out.join('\r\n') + '\r\n';
}

export async function bench(): Promise<object> {
  const rows = Number(process.env.BENCH_FINANCE_ROWS ?? 5_000);
  const csv = yearCsv(rows);
  const ctx = { villageCode: VILLAGE, kioskId: 'k1', ids: createIdGenerator(VILLAGE, 'k1') };
  console.log(
    `Importing a year's APBDes: ${rows} Ta_RABRinci rows, ${(csv.length / 1024).toFixed(0)} KiB…`,
  );

  let t = performance.now();
  const result = importSiskeudesBudget(
    csv,
    { fiscalYear: 2026, villageCode: VILLAGE, existing: [] },
    ctx,
  );
  const parseMs = performance.now() - t;
  if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.rejected.slice(0, 3))}`);

  const db = await openKioskDatabase(`bench_finance_${Date.now()}`, getRxStorageMemory());
  t = performance.now();
  await db.finance.bulkInsert(result.lines.map((l) => pendingLocal(l)) as never);
  const storeMs = performance.now() - t;
  const stored = await db.finance.count().exec();
  await db.close();

  // The same file with every 50th row broken: rejected whole, a reason per bad row.
  const broken = csv
    .split('\r\n')
    .map((line, i) =>
      i > 0 && i % 50 === 0 ? line.replace(/;5\.(\d)\.(\d)\.;/, ';5.9.9.;') : line,
    )
    .join('\r\n');
  t = performance.now();
  const refused = importSiskeudesBudget(
    broken,
    { fiscalYear: 2026, villageCode: VILLAGE, existing: [] },
    ctx,
  );
  const rejectMs = performance.now() - t;

  const figures = {
    rows,
    csvKiB: Math.round(csv.length / 1024),
    budgetLines: result.lines.length,
    storedDocs: stored,
    parseAndCheckMs: Math.round(parseMs),
    storeMs: Math.round(storeMs),
    totalMs: Math.round(parseMs + storeMs),
    malformedRejectedWhole: !refused.ok,
    rejectedRows: refused.ok ? 0 : refused.rejected.length,
    rejectMs: Math.round(rejectMs),
  };
  console.log(figures);
  return figures;
}
