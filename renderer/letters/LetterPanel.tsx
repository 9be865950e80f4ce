// The letter of a request, once approved: issued with its number, previewed as the very HTML that
// prints (an iframe of the stored rendering, whose own CSS sets paper and margins), printed, and
// reprinted as a marked copy with the reprint logged. Nothing is shown before approval.
import { useMemo, useRef, useState } from 'react';
import { map } from 'rxjs';
import type { LetterDoc } from '../../shared/documents/letter';
import type { RequestDoc } from '../../shared/documents/request';
import { isApproved, qrPayloadOf } from '../../shared/letters/certify';
import { getBridge } from '../bridge';
import { takeRequestStep } from '../screens/request-writes';
import { GatedButton } from '../staff/GatedButton';
import { guard } from '../staff/guard';
import { useOfficial } from '../state/official';
import { useOpenSession } from '../state/session-store';
import { useObservable } from '../state/use-observable';
import { ADDRESS_MISSING, letterheadProblem } from '../../shared/letters/letterhead';
import { villageIdentity$, type VillageIdentity } from '../office/office-data';
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
  const identity$ = useMemo(() => villageIdentity$(db), [db]);
  const identity = useObservable<VillageIdentity | null>(identity$, null);
  if (!isApproved(request)) return null;
  // Before issuing: what the kop lacks, and where it is filled (nothing is signed without names).
  const kopProblem = identity && !letter ? letterheadProblem(identity.village) : null;
  const kopNotice = identity && !letter && !identity.village.address ? ADDRESS_MISSING : null;

  const archive = { db, bridge: getBridge(), shell: config.shell, kioskId: config.kioskId };

  async function issue() {
    setMessage(null);
    try {
      const issued = await issueApprovedLetter(
        { db, bridge: getBridge(), villageCode: config.villageCode, kioskId: config.kioskId, ids },
        request,
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
      guard('letter.print');
      // A letter whose PDF could not be made at issue gets it now, before it leaves the office.
      await archiveLetterPdf(archive, letter);
      if ((await printLetter(getBridge(), config.shell, letter, !first)) === 'cancelled') return;
    } catch (err) {
      setMessage((err as Error).message);
      return;
    }
    const at = new Date();
    try {
      if (first) {
        const next = await takeRequestStep(db, request, 'printed', config.kioskId, {}, at);
        if (!next.ok) setMessage(next.reason);
      } else {
        await recordReprint(db, letter, official.name, config.kioskId, at.toISOString());
      }
    } catch (err) {
      setMessage((err as Error).message);
    }
  }

  return (
    <section className="letter-panel" aria-label="Surat" data-testid="letter-panel">
      {!letter ? (
        <>
          {(kopProblem || kopNotice) && (
            <p className="field-error" data-testid="letterhead-problem">
              {kopProblem ?? kopNotice}
            </p>
          )}
          <GatedButton action="letter.sign" onClick={() => void issue()}>
            Terbitkan surat
          </GatedButton>
        </>
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
          <GatedButton action="letter.print" onClick={() => void print()}>
            {request.status === 'approved' ? 'Cetak surat' : 'Cetak salinan'}
          </GatedButton>
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
