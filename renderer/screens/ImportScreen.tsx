// Import a resident extract: choose the CSV, see the preview and every wrong line, then import all
// rows or none (decision 0004, docs/resident-import.md).
import { useState } from 'react';
import { parseCsv, type CsvRecord } from '../../shared/csv';
import { planImportRecords, type ImportPlan } from '../../shared/residents/import';
import { readXlsx, type XlsxHost } from '../../shared/residents/xlsx';
import { importResidents } from '../residents/write';
import { useT } from '../i18n';
import { useOpenSession } from '../state/session-store';

const XLSX_HOST: XlsxHost = {
  inflateRaw: async (data) =>
    new Uint8Array(
      await new Response(
        new Blob([data as Uint8Array<ArrayBuffer>])
          .stream()
          .pipeThrough(new DecompressionStream('deflate-raw')),
      ).arrayBuffer(),
    ),
  decodeUtf8: (data) => new TextDecoder().decode(data),
};

async function readRecords(file: File): Promise<CsvRecord[]> {
  if (/\.xlsx$/i.test(file.name)) {
    return readXlsx(new Uint8Array(await file.arrayBuffer()), XLSX_HOST);
  }
  return parseCsv(await file.text());
}

export function ImportScreen() {
  const t = useT();
  const { db, ids, config } = useOpenSession();
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function choose(file: File | undefined) {
    setResult(null);
    setPlan(null);
    if (!file) return;
    let records: CsvRecord[];
    try {
      records = await readRecords(file);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      setPlan({ columns: {}, docs: [], warnings: [], problems: [{ line: 1, message }] });
      return;
    }
    // The collection also holds population events and reports, which have no `nik`.
    const existing = new Set(
      (await db.residents.find().exec()).flatMap((d) => {
        const nik = (d.toJSON() as { nik?: string }).nik;
        return nik ? [nik] : [];
      }),
    );
    setPlan(
      planImportRecords(
        records,
        { villageCode: config.villageCode, kioskId: config.kioskId, ids },
        {
          existingNiks: existing,
        },
      ),
    );
  }

  async function run() {
    if (!plan || plan.problems.length) return;
    setBusy(true);
    try {
      const outcome = await importResidents(db, plan.docs);
      if (!outcome.ok) {
        setResult(
          `Impor dibatalkan, tidak ada yang disimpan: ${outcome.failed} baris gagal ditulis.`,
        );
        return;
      }
      setResult(`${outcome.written} ${t('importDone')}`);
      setPlan(null);
    } catch (err) {
      setResult((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="import" aria-labelledby="import-title">
      <h2 id="import-title">{t('import')}</h2>
      <label htmlFor="import-file">{t('importFile')}</label>
      <input
        id="import-file"
        type="file"
        accept=".csv,.xlsx,text/csv"
        onChange={(e) => void choose(e.target.files?.[0])}
      />
      {plan && plan.problems.length > 0 && (
        <div role="alert">
          <p className="field-error">{t('importRejected')}</p>
          <table data-testid="import-problems">
            <thead>
              <tr>
                <th>{t('line')}</th>
                <th>{t('problem')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.problems.map((p, i) => (
                <tr key={i} data-line={p.line}>
                  <td>{p.line}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {plan && plan.problems.length === 0 && (
        <>
          <h3>
            {t('importPreview')} ({plan.docs.length})
          </h3>
          {plan.warnings.map((w, i) => (
            <p key={i} className="warning">
              {t('line')} {w.line}: {w.message}
            </p>
          ))}
          <table data-testid="import-preview">
            <thead>
              <tr>
                <th>{t('nik')}</th>
                <th>{t('personName')}</th>
                <th>KK</th>
                <th>{t('day')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.docs.slice(0, 20).map((d) => (
                <tr key={d.id}>
                  <td className="nik">{d.nik}</td>
                  <td>{d.name}</td>
                  <td>{d.kkNumber}</td>
                  <td>{d.birthDate}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" disabled={busy} onClick={() => void run()}>
            {t('importRun')}
          </button>
        </>
      )}
      <p role="status" data-testid="import-result">
        {result}
      </p>
    </section>
  );
}
