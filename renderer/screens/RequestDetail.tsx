// One request: its data, the documents brought, the timeline of its steps (who, when, which
// kiosk) and the steps the official at the desk may take now, per role.
import { useMemo, useState } from 'react';
import { map } from 'rxjs';
import { formatTime } from '../../shared/dates';
import { letterTypeName } from '../../shared/letter-types';
import { REQUEST_STATUS_LABELS, type RequestDoc } from '../../shared/documents/request';
import { REQUIREMENTS, missingRequirements, requestType } from '../../shared/requests/catalogue';
import { ticketWithCounter } from '../../shared/requests/queue';
import {
  ROLE_LABELS,
  STEP_LABELS,
  availableSteps,
  canTake,
  waitingLine,
  type Step,
} from '../../shared/requests/workflow';
import { useT, type MessageKey } from '../i18n';
import { Button, Message } from '../ui';
import { getBridge } from '../bridge';
import { editLocal } from '../../sync/client/local-edit';
import { issueApprovedLetter, villageSettings } from '../letters/compose';
import { letterheadProblem } from '../../shared/letters/letterhead';
import { LetterPanel } from '../letters/LetterPanel';
import { may } from '../../shared/staff/permissions';
import { STEP_ACTIONS } from '../../shared/staff/step-actions';
import { guard } from '../staff/guard';
import { deskActor, useDesk, useOfficial } from '../state/official';
import { takeRequestStep } from './request-writes';
import { useOpenSession } from '../state/session-store';
import { useObservable } from '../state/use-observable';

export function RequestDetail({ id }: { id: string }) {
  const t = useT();
  const { db, config, ids } = useOpenSession();
  const official = useOfficial();
  const openRequest = useDesk((s) => s.open);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const doc$ = useMemo(
    () =>
      db.requests
        .findOne(id)
        .$.pipe(
          map((d) => (d && d.type === 'request' ? (d.toJSON() as unknown as RequestDoc) : null)),
        ),
    [db, id],
  );
  const doc = useObservable<RequestDoc | null>(doc$, null);
  if (!doc) return null;
  const type = requestType(doc.serviceType);
  const actor = deskActor(official, config.kioskId);
  const missing = type ? missingRequirements(type, doc.requirements) : [];
  const editable =
    (doc.status === 'received' || doc.status === 'incomplete') &&
    may(official.role, 'request.check');

  async function save(next: RequestDoc) {
    try {
      guard('request.check');
      await editLocal(db.requests, id, next);
    } catch (err) {
      setMessage((err as Error).message);
    }
  }

  async function take(step: Step) {
    setMessage(null);
    const input = step === 'incomplete' || step === 'checked' ? { missing, note } : { note };
    let result: Awaited<ReturnType<typeof takeRequestStep>>;
    try {
      // Approval is the signature: nothing is recorded while the kop could not carry one.
      const kop = step === 'approved' && letterheadProblem((await villageSettings(db)).village);
      if (kop) {
        setMessage(kop);
        return;
      }
      result = await takeRequestStep(db, doc!, step, config.kioskId, input);
    } catch (err) {
      setMessage((err as Error).message);
      return;
    }
    if (!result.ok) {
      setMessage(result.reason);
      return;
    }
    setNote('');
    if (step === 'approved') {
      // Approval is the signature: the letter gets its number, rendering and signed QR now.
      try {
        const { signError } = await issueApprovedLetter(
          {
            db,
            bridge: getBridge(),
            villageCode: config.villageCode,
            kioskId: config.kioskId,
            ids,
          },
          result.doc,
        );
        if (signError) setMessage(signError);
      } catch (err) {
        setMessage((err as Error).message);
      }
    }
  }

  async function toggle(code: string, on: boolean) {
    const requirements = on
      ? [...doc!.requirements, code]
      : doc!.requirements.filter((c) => c !== code);
    await save({ ...doc!, requirements, updatedAt: new Date().toISOString() });
  }

  return (
    <section className="request-detail" aria-labelledby="detail-title" data-testid="request-detail">
      <h2 id="detail-title">
        {t('requestDetail')} — {doc.residentName}
      </h2>
      <button type="button" className="link" onClick={() => openRequest(null)}>
        {t('close')}
      </button>
      <dl>
        <dt>{t('nik')}</dt>
        <dd className="nik">{doc.residentNik}</dd>
        <dt>{t('serviceType')}</dt>
        <dd>{letterTypeName(doc.serviceType)}</dd>
        <dt>{t('purpose')}</dt>
        <dd>{doc.purpose}</dd>
        {doc.ticket && (
          <>
            <dt>{t('ticket')}</dt>
            <dd title={doc.ticket}>{ticketWithCounter(doc.ticket)}</dd>
          </>
        )}
        {type?.fields
          .filter((f) => doc.fields[f.key])
          .map((f) => (
            <div key={f.key}>
              <dt>{f.label}</dt>
              <dd>{doc.fields[f.key]}</dd>
            </div>
          ))}
        {doc.subjects.map((s) => (
          <div key={s.role}>
            <dt>{type?.subjects.find((d) => d.role === s.role)?.label ?? s.role}</dt>
            <dd>
              {s.name} {s.nik && `(${s.nik})`}
            </dd>
          </div>
        ))}
        <dt>{t('status')}</dt>
        <dd data-testid="request-status">{REQUEST_STATUS_LABELS[doc.status]}</dd>
        <dt>Langkah berikutnya</dt>
        <dd data-testid="request-waiting">{waitingLine(doc.status)}</dd>
      </dl>

      {type && (
        <fieldset className="requirements">
          <legend>{t('requirements')}</legend>
          {type.requirements.map((code) => (
            <label key={code} className="check">
              <input
                type="checkbox"
                checked={doc.requirements.includes(code)}
                disabled={!editable}
                onChange={(e) => void toggle(code, e.target.checked)}
              />{' '}
              {REQUIREMENTS[code]}
            </label>
          ))}
        </fieldset>
      )}

      <h3>{t('timeline')}</h3>
      <ol className="timeline" data-testid="timeline">
        {doc.events.map((e, i) => (
          <li key={i}>
            <strong>{STEP_LABELS[e.step]}</strong> · {formatTime(e.at)} ·{' '}
            {e.by || ROLE_LABELS[e.role]} ({ROLE_LABELS[e.role]}) · {t('kiosk')} {e.kioskId}
            {e.missing.length > 0 && <> · {e.missing.join(', ')}</>}
            {e.note && <> · {e.note}</>}
          </li>
        ))}
      </ol>

      <div className="official ui-field">
        <label htmlFor="step-note">{t('reason')}</label>
        <input id="step-note" value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="steps ui-actions">
        {(actor ? availableSteps(doc.events, actor) : [])
          .filter((step) => may(official.role, STEP_ACTIONS[step]))
          .filter((step) => !(step === 'incomplete' && missing.length === 0))
          // A printed letter is printed again from the letter panel, as a marked copy.
          .filter((step) => !(step === 'printed' && doc.status === 'printed'))
          .map((step) => {
            const input = step === 'checked' ? { missing } : { note, missing };
            const check = canTake(doc.events, step, actor!, input);
            return (
              <Button
                key={step}
                variant={step === 'rejected' ? 'danger' : 'primary'}
                onClick={() => void take(step)}
                title={check.ok ? undefined : check.reason}
              >
                {t(`step_${step}` as MessageKey)}
              </Button>
            );
          })}
      </div>
      {message && <Message tone="error">{message}</Message>}
      <LetterPanel request={doc} />
    </section>
  );
}
