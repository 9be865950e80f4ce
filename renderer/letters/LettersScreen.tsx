// Buku register surat keluar: every issued letter with its number, date, subject, signer at the
// time and reprints, searchable; and the verification of a letter's QR payload (scanned by a
// reader that types it, or pasted), offline against the village keys the regency published.
import { useMemo, useState } from 'react';
import { map } from 'rxjs';
import type { LetterDoc } from '../../shared/documents/letter';
import type { VillageProfileDoc } from '../../shared/documents/village-admin';
import { letterTypeName } from '../../shared/letter-types';
import {
  VERDICT_LABELS,
  payloadFromScan,
  verifyLetter,
  type Verdict,
} from '../../shared/letters/verify';
import { useOpenSession } from '../state/session-store';
import { useObservable } from '../state/use-observable';
import { getBridge } from '../bridge';
import { recordReprint } from './issue';
import { printLetter } from './print';
import { useOfficial } from '../state/official';

export function LettersScreen() {
  const { db, config } = useOpenSession();
  const official = useOfficial();
  const [query, setQuery] = useState('');
  const [payload, setPayload] = useState('');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [printError, setPrintError] = useState<string | null>(null);
  const letters$ = useMemo(
    () =>
      db.letters
        .find({ sort: [{ issuedOn: 'desc' }] })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as unknown as LetterDoc))),
    [db],
  );
  const letters = useObservable<LetterDoc[]>(letters$, []);
  const q = query.trim().toLowerCase();
  const shown = letters.filter(
    (l) =>
      !q ||
      l.number.toLowerCase().includes(q) ||
      l.subjectName.toLowerCase().includes(q) ||
      l.subjectNik.includes(q),
  );

  async function verify() {
    const profiles = (await db.registry.find({ selector: { type: 'village-profile' } }).exec()).map(
      (d) => d.toJSON() as unknown as VillageProfileDoc,
    );
    const keys = Object.fromEntries(profiles.map((p) => [p.villageCode, p.letterKeys ?? {}]));
    // A scanned QR is the verification page's URL: the payload is after its `#`.
    setVerdict(await verifyLetter(payloadFromScan(payload), keys));
  }

  async function reprint(letter: LetterDoc) {
    setPrintError(null);
    try {
      if ((await printLetter(getBridge(), config.shell, letter, true)) === 'cancelled') return;
    } catch (err) {
      setPrintError((err as Error).message);
      return;
    }
    await recordReprint(db, letter, official.name, config.kioskId, new Date().toISOString());
  }

  return (
    <section aria-labelledby="letters-title" data-testid="letters-screen">
      <h2 id="letters-title">Buku register surat keluar</h2>
      <label htmlFor="letter-search">Cari nomor, nama atau NIK</label>
      <input id="letter-search" value={query} onChange={(e) => setQuery(e.target.value)} />
      <table data-testid="letter-register">
        <thead>
          <tr>
            <th>Nomor</th>
            <th>Tanggal</th>
            <th>Jenis</th>
            <th>Atas nama</th>
            <th>Penanda tangan</th>
            <th>Cetak ulang</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((l) => (
            <tr key={l.id}>
              <td>{l.number}</td>
              <td>{l.issuedOn}</td>
              <td>{letterTypeName(l.letterType)}</td>
              <td>
                {l.subjectName} ({l.subjectNik})
              </td>
              <td>
                {l.signerName}, {l.signerPosition}
              </td>
              <td>{l.reprints.length}</td>
              <td>
                {l.html && (
                  <button type="button" onClick={() => void reprint(l)}>
                    Cetak salinan
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {printError && (
        <p className="field-error" role="alert">
          {printError}
        </p>
      )}

      <h3>Periksa keaslian surat</h3>
      <label htmlFor="verify-payload">Isi kode QR</label>
      <textarea
        id="verify-payload"
        value={payload}
        onChange={(e) => setPayload(e.target.value)}
        rows={3}
      />
      <button type="button" onClick={() => void verify()}>
        Periksa
      </button>
      {verdict && (
        <div data-testid="verify-verdict" data-verdict={verdict.verdict}>
          <strong>{VERDICT_LABELS[verdict.verdict]}</strong>
          {verdict.verdict !== 'valid' && <p>{verdict.reason}</p>}
          {verdict.claims && (
            <p>
              {verdict.claims.number} · {verdict.claims.issuedOn} · {verdict.claims.subjectName} (
              {verdict.claims.subjectNik}) · {verdict.claims.signerName},{' '}
              {verdict.claims.signerPosition}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
