// The letter of a request, once approved: issued with its number, previewed as the very HTML that
// prints (an iframe of the stored rendering, whose own CSS sets paper and margins), printed, and
// reprinted as a marked copy with the reprint logged. Nothing is shown before approval.
import { useMemo, useRef, useState } from 'react';
import { map } from 'rxjs';
import type { LetterDoc } from '../../shared/documents/letter';
import type { RequestDoc } from '../../shared/documents/request';
import { isApproved, qrPayloadOf } from '../../shared/letters/certify';
import { applyStep } from '../../shared/requests/workflow';
import { getBridge } from '../bridge';
import { useOfficial } from '../state/official';
import { useOpenSession } from '../state/session-store';
import { useObservable } from '../state/use-observable';
import { editLocal } from '../../sync/client/local-edit';
import { issueApprovedLetter } from './compose';
import { recordReprint } from './issue';
import { archiveLetterPdf, printLetter } from './print';

export function LetterPanel({ request }: { request: RequestDoc }) {
  const { db, config, ids } = useOpenSession();
  const official = useOfficial();
  const [message, setMessage] = useState<string | null>(null);
  const preview = useRef<HTMLIFrameElement>(null);
  const letter$ = useMemo(
    () =>
      db.letters
        .findOne({ selector: { requestId: request.id, status: 'issued' } })
        .$.pipe(map((d) => (d ? (d.toJSON() as unknown as LetterDoc) : null))),
    [db, request.id],
  );
  const letter = useObservable<LetterDoc | null>(letter$, null);
  if (!isApproved(request)) return null;

  const archive = { db, bridge: getBridge(), shell: config.shell, kioskId: config.kioskId };

  async function issue() {
    setMessage(null);
    try {
      const issued = await issueApprovedLetter(
        { db, bridge: getBridge(), villageCode: config.villageCode, kioskId: config.kioskId, ids },
        request,
        { name: official.name || 'Petugas', role: official.role },
      );
      if (issued.signError) setMessage(issued.signError);
      await archiveLetterPdf(archive, issued.letter);
    } catch (err) {
      setMessage((err as Error).message);
    }
  }

  async function print() {
    if (!letter) return;
    setMessage(null);
    const first = request.status === 'approved';
    try {
      // A letter whose PDF could not be made at issue gets it now, before it leaves the office.
      await archiveLetterPdf(archive, letter);
      if ((await printLetter(getBridge(), config.shell, letter, !first)) === 'cancelled') return;
    } catch (err) {
      setMessage((err as Error).message);
      return;
    }
    const at = new Date();
    if (first) {
      const next = applyStep(
        request,
        'printed',
        { name: official.name, role: official.role, kioskId: config.kioskId },
        at,
      );
      if (next.ok) {
        await editLocal(db.requests, request.id, next.doc);
      }
    } else {
      await recordReprint(db, letter, official.name, config.kioskId, at.toISOString());
    }
  }

  return (
    <section className="letter-panel" aria-label="Surat" data-testid="letter-panel">
      {!letter ? (
        <button type="button" onClick={() => void issue()}>
          Terbitkan surat
        </button>
      ) : (
        <>
          <p>
            Nomor surat: <strong data-testid="letter-number">{letter.number}</strong> ·{' '}
            <span data-testid="letter-signed">
              {qrPayloadOf(request, letter) ? 'Ditandatangani (QR)' : 'Belum ditandatangani'}
            </span>
            {letter.reprints.length > 0 && <> · dicetak ulang {letter.reprints.length}×</>}
          </p>
          {qrPayloadOf(request, letter) && (
            <details>
              <summary>Kode verifikasi</summary>
              <code data-testid="letter-payload" className="payload">
                {letter.signedPayload}
              </code>
            </details>
          )}
          <button type="button" onClick={() => void print()}>
            {request.status === 'approved' ? 'Cetak surat' : 'Cetak salinan'}
          </button>
          <iframe
            ref={preview}
            className="letter-preview"
            title="Pratinjau surat"
            srcDoc={letter.html}
            sandbox="allow-same-origin allow-modals"
          />
        </>
      )}
      {message && (
        <p className="field-error" role="alert">
          {message}
        </p>
      )}
    </section>
  );
}
