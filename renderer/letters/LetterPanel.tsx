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
import { issueApprovedLetter, printableHtml } from './compose';
import { recordReprint } from './issue';

/** Prints an HTML document through a hidden frame: the browser's (or Electron's) print. */
export function printHtml(html: string): void {
  const frame = document.createElement('iframe');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  frame.srcdoc = html;
  frame.onload = () => {
    frame.contentWindow?.print();
    setTimeout(() => frame.remove(), 1000);
  };
  document.body.append(frame);
}

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

  async function issue() {
    setMessage(null);
    try {
      const { signError } = await issueApprovedLetter(
        { db, bridge: getBridge(), villageCode: config.villageCode, kioskId: config.kioskId, ids },
        request,
        { name: official.name || 'Petugas', role: official.role },
      );
      if (signError) setMessage(signError);
    } catch (err) {
      setMessage((err as Error).message);
    }
  }

  async function print() {
    if (!letter) return;
    const first = request.status === 'approved';
    printHtml(printableHtml(letter, !first));
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
