// Import a resident extract: what the file must hold and a template to start from, then choose the
// CSV/XLSX, see the preview, the columns not read and every wrong line, then import all rows or
// none (decision 0004, docs/resident-import.md).
import { useState } from 'react';
import { parseCsv, type CsvRecord } from '../../shared/csv';
import { formatLongDate } from '../../shared/dates';
import { REGISTER_TYPES } from '../../shared/documents/population';
import type { ResidentDoc } from '../../shared/documents/resident';
import {
  importTemplateCsv,
  planImportRecords,
  type ImportPlan,
} from '../../shared/residents/import';
import { withoutCorrected, type NikHolder } from '../../shared/residents/local';
import { download } from '../components/download';
import { readXlsx, type XlsxHost } from '../../shared/residents/xlsx';
import { importResidents } from '../residents/write';
import { useT } from '../i18n';
import { Button, Card, Field, Message, Table } from '../ui';
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
  const [imported, setImported] = useState(false);
  const [busy, setBusy] = useState(false);

  async function choose(file: File | undefined) {
    setResult(null);
    setImported(false);
    setPlan(null);
    if (!file) return;
    let records: CsvRecord[];
    try {
      records = await readRecords(file);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      setPlan({
        columns: {},
        unknownColumns: [],
        docs: [],
        warnings: [],
        problems: [{ line: 1, message }],
      });
      return;
    }
    // The collection also holds population events, which are nobody's register entry.
    const register = withoutCorrected(
      (await db.residents.find({ selector: { type: { $in: [...REGISTER_TYPES] } } }).exec()).map(
        (d) => d.toJSON() as ResidentDoc,
      ),
    );
    const existing = new Map<string, NikHolder>(register.map((r) => [r.nik, r]));
    setPlan(
      planImportRecords(
        records,
        { villageCode: config.villageCode, kioskId: config.kioskId, ids },
        { existing },
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
      setImported(true);
      setResult(`${outcome.written} ${t('importDone')}`);
      setPlan(null);
    } catch (err) {
      setResult((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    // The screen's title is the page heading (App).
    <section className="import ui-stack" aria-label={t('import')}>
      <Card title="Format berkas">
        <div data-testid="import-format">
          <p>
            Berkas CSV (pemisah <code>;</code> atau <code>,</code>) atau XLSX, baris pertama berisi
            nama kolom. Wajib: <strong>NIK</strong> dan <strong>NAMA_LGKP</strong> (atau NAMA).
            Dibaca bila ada: NO_KK, TMPT_LHR, TGL_LHR (17-08-1945 atau 1945-08-17), JENIS_KLMIN
            (L/P), AGAMA, STAT_KWN, STAT_HBKEL, PDDK_AKH, JENIS_PKRJN (nama atau kode SIAK), DUSUN,
            NO_RW, NO_RT. Ekstrak SIAK dan ekspor OpenSID dapat langsung dipakai.
          </p>
          <p>
            Satu baris salah berarti tidak ada yang diimpor; setiap baris salah disebutkan dengan
            alasannya.
          </p>
          <Button onClick={() => download('template-penduduk.csv', importTemplateCsv())}>
            Unduh contoh berkas (CSV)
          </Button>
        </div>
      </Card>
      <Field id="import-file" label={t('importFile')}>
        {(control) => (
          <input
            {...control}
            type="file"
            accept=".csv,.xlsx,text/csv"
            onChange={(e) => void choose(e.target.files?.[0])}
          />
        )}
      </Field>
      {plan && plan.unknownColumns.length > 0 && (
        <Message tone="warning" testId="import-unknown-columns">
          Kolom yang tidak dibaca dan tidak diimpor: {plan.unknownColumns.join(', ')}.
        </Message>
      )}
      {plan && plan.problems.length > 0 && (
        <>
          <Message tone="error">{t('importRejected')}</Message>
          <Table
            testId="import-problems"
            head={
              <>
                <th>{t('line')}</th>
                <th>{t('problem')}</th>
              </>
            }
          >
            {plan.problems.map((p, i) => (
              <tr key={i} data-line={p.line}>
                <td>{p.line}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
      {plan && plan.problems.length === 0 && (
        <>
          {plan.warnings.map((w, i) => (
            <Message key={i} tone="warning">
              {t('line')} {w.line}: {w.message}
            </Message>
          ))}
          <Table
            testId="import-preview"
            caption={`${t('importPreview')} (${plan.docs.length})`}
            head={
              <>
                <th>{t('nik')}</th>
                <th>{t('personName')}</th>
                <th>KK</th>
                <th>{t('day')}</th>
              </>
            }
          >
            {plan.docs.slice(0, 20).map((d) => (
              <tr key={d.id}>
                <td className="nik">{d.nik}</td>
                <td>{d.name}</td>
                <td>{d.kkNumber}</td>
                <td>{d.birthDate ? formatLongDate(d.birthDate) : ''}</td>
              </tr>
            ))}
          </Table>
          {plan.docs.length > 20 && (
            <Message>20 baris pertama ditampilkan; semua {plan.docs.length} diimpor.</Message>
          )}
          <div className="ui-actions">
            <Button variant="primary" disabled={busy} onClick={() => void run()}>
              {t('importRun')}
            </Button>
          </div>
        </>
      )}
      {result && (
        <Message tone={imported ? 'success' : 'error'} testId="import-result">
          {result}
        </Message>
      )}
    </section>
  );
}
