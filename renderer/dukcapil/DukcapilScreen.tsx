// "Dukcapil": applications to the regency's Dukcapil (docs/decisions/0018). Staff open an
// application (the national form's fields), photograph each requirement, and send it — refused,
// and it stays a draft, while anything required is missing, which is listed. Every application's
// status comes from Dukcapil's decisions as they sync down; "perlu perbaikan" shows what to fix
// and is sent again; an issued document's PDF is kept for printing on A4.
import { useEffect, useMemo, useRef, useState } from 'react';
import { map } from 'rxjs';
import {
  APPLICATION_STATUS_LABELS,
  applicationFromForm,
  applicationStatus,
  currentDecision,
  missingItems,
  reviseApplication,
  submitApplication,
  withEvidence,
  type ApplicationInput,
  type ApplicationStatus,
} from '../../shared/dukcapil/application';
import {
  DUKCAPIL_REQUIREMENTS,
  dukcapilDocument,
  shortName,
} from '../../shared/dukcapil/catalogue';
import { DOCUMENT_FOR_EVENT, type ApplicationDraft } from '../../shared/dukcapil/from-event';
import type { PopulationEventDoc } from '../../shared/documents/population';
import { EVENT_KIND_LABELS } from '../../shared/population/events';
import type {
  DukcapilApplicationDoc,
  DukcapilDecisionDoc,
  DukcapilFileDoc,
} from '../../shared/documents/dukcapil';
import { localDate } from '../../shared/dates';
import { base64ToBytes } from '../../shared/bytes/base64';
import { getBridge } from '../bridge';
import { PhotoInput } from '../photos/PhotoInput';
import { GatedButton } from '../staff/GatedButton';
import { useOfficial } from '../state/official';
import { useOpenSession } from '../state/session-store';
import { useObservable } from '../state/use-observable';
import { ApplicationForm, EMPTY_FORM, formValuesOf } from './ApplicationForm';
import { startFromEvent, useApplicationDraft } from './from-event';
import { insertApplication, saveApplication } from './write';
import './dukcapil.css';

interface Data {
  applications: DukcapilApplicationDoc[];
  decisions: DukcapilDecisionDoc[];
}

function useDukcapilData(): Data {
  const { db } = useOpenSession();
  const data$ = useMemo(
    () =>
      db.requests
        .find({ selector: { type: { $in: ['dukcapil-application', 'dukcapil-decision'] } } })
        .$.pipe(
          map((docs) => {
            const all = docs.map((d) => d.toJSON() as unknown as { type: string });
            return {
              applications: all
                .filter((d) => d.type === 'dukcapil-application')
                .reverse() as unknown as DukcapilApplicationDoc[],
              decisions: all.filter(
                (d) => d.type === 'dukcapil-decision',
              ) as unknown as DukcapilDecisionDoc[],
            };
          }),
        ),
    [db],
  );
  return useObservable(data$, { applications: [], decisions: [] });
}

function usePopulationEvents(): PopulationEventDoc[] {
  const { db } = useOpenSession();
  const events$ = useMemo(
    () =>
      db.residents
        .find({ selector: { type: 'population-event' } })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as unknown as PopulationEventDoc))),
    [db],
  );
  return useObservable(events$, []);
}

export function DukcapilScreen() {
  const { db } = useOpenSession();
  const data = useDukcapilData();
  const events = usePopulationEvents();
  const [openId, setOpenId] = useState<string | null>(null);
  const { draft, set: setDraft } = useApplicationDraft();
  const rows = data.applications.map((a) => ({
    app: a,
    status: applicationStatus(a, data.decisions),
  }));
  const ready = rows.filter((r) => r.status === 'terbit');
  const open = rows.find((r) => r.app.id === openId);
  const applied = new Set(data.applications.map((a) => a.eventId));
  const reversed = new Set(events.map((e) => e.reverses));
  const waiting = events
    .filter(
      (e) =>
        DOCUMENT_FOR_EVENT[e.kind] &&
        !reversed.has(e.id) &&
        !applied.has(e.id) &&
        e.id !== draft?.eventId,
    )
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  const eventOf = (id: string | undefined) => (id ? events.find((e) => e.id === id) : undefined);

  return (
    <section className="dk" aria-labelledby="dk-title">
      <h2 id="dk-title">Permohonan ke Dukcapil</h2>
      {open && (
        <ApplicationDetail
          key={open.app.id}
          app={open.app}
          event={eventOf(open.app.eventId)}
          decisions={data.decisions}
          status={open.status}
          onClose={() => setOpenId(null)}
        />
      )}
      <EventsWaiting events={waiting} onStart={(e) => void startFromEvent(db, e)} />
      <NewApplication
        draft={draft}
        event={eventOf(draft?.eventId)}
        open={draft !== null || (rows.length === 0 && !open)}
        onCreated={(id) => {
          setDraft(null);
          setOpenId(id);
        }}
      />
      <h3>Siap diambil / dicetak ({ready.length})</h3>
      <ApplicationTable rows={ready} onOpen={setOpenId} empty="Belum ada dokumen terbit." />
      <h3>Semua permohonan ({rows.length})</h3>
      <ApplicationTable rows={rows} onOpen={setOpenId} empty="Belum ada permohonan." />
    </section>
  );
}

function ApplicationTable({
  rows,
  onOpen,
  empty,
}: {
  rows: { app: DukcapilApplicationDoc; status: ApplicationStatus }[];
  onOpen(id: string): void;
  empty: string;
}) {
  if (rows.length === 0) return <p className="dk-empty">{empty}</p>;
  return (
    <table className="dk-table">
      <thead>
        <tr>
          <th>Tanggal</th>
          <th>Dokumen</th>
          <th>Nama</th>
          <th>Status</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map(({ app, status }) => (
          <tr key={app.id} data-status={status}>
            <td>{app.date}</td>
            <td>{shortName(app.documentType)}</td>
            <td>{app.subjectName}</td>
            <td className={`dk-status dk-${status}`}>{APPLICATION_STATUS_LABELS[status]}</td>
            <td>
              <button type="button" onClick={() => onOpen(app.id)}>
                Buka
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NewApplication({
  draft,
  event,
  open,
  onCreated,
}: {
  draft: ApplicationDraft | null;
  event: PopulationEventDoc | undefined;
  /** Open while prefilled from an event, or while there is nothing else to show. */
  open: boolean;
  onCreated(id: string): void;
}) {
  const { db, ids, config } = useOpenSession();
  const [form, setForm] = useState(0);

  async function create(input: ApplicationInput): Promise<Record<string, string>> {
    const made = applicationFromForm(
      { ...input, ...(draft ? { eventId: draft.eventId } : {}) },
      { villageCode: config.villageCode, kioskId: config.kioskId, ids },
      new Date().toISOString(),
      localDate(),
    );
    if (!made.ok) return made.errors;
    try {
      await insertApplication(db, made.doc);
    } catch (error) {
      return { form: String((error as Error).message ?? error) };
    }
    setForm((n) => n + 1);
    onCreated(made.doc.id);
    return {};
  }

  return (
    <details className="dk-new" open={open}>
      <summary>Permohonan baru</summary>
      {event && <EventLine event={event} />}
      <ApplicationForm
        key={`${draft?.eventId ?? 'baru'}-${form}`}
        initial={draft ?? EMPTY_FORM}
        typeFixed={false}
        submitLabel="Simpan draf"
        onSubmit={create}
      />
    </details>
  );
}

/** The population event an application came from, as the desk recorded it. */
function EventLine({ event }: { event: PopulationEventDoc }) {
  return (
    <p className="dk-event" data-testid="dk-event">
      Dari peristiwa: <strong>{EVENT_KIND_LABELS[event.kind]}</strong> {event.subjectName} · tanggal
      peristiwa {event.eventDate} · dicatat {event.reportDate} oleh {event.recordedBy}
    </p>
  );
}

/** How many of the events waiting are listed, newest first (the heading counts them all). */
const WAITING_SHOWN = 10;

/** Events that need a Dukcapil document and have no application yet (reversed ones excluded). */
function EventsWaiting({
  events,
  onStart,
}: {
  events: PopulationEventDoc[];
  onStart(event: PopulationEventDoc): void;
}) {
  if (events.length === 0) return null;
  return (
    <>
      <h3>Peristiwa menunggu permohonan ({events.length})</h3>
      <table className="dk-table" data-testid="dk-events-waiting">
        <thead>
          <tr>
            <th>Tgl peristiwa</th>
            <th>Peristiwa</th>
            <th>Nama</th>
            <th>Dokumen</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {events.slice(0, WAITING_SHOWN).map((ev) => (
            <tr key={ev.id}>
              <td>{ev.eventDate}</td>
              <td>{EVENT_KIND_LABELS[ev.kind]}</td>
              <td>{ev.subjectName}</td>
              <td>{shortName(DOCUMENT_FOR_EVENT[ev.kind]!)}</td>
              <td>
                <button type="button" onClick={() => onStart(ev)}>
                  Buat permohonan
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function ApplicationDetail({
  app,
  event,
  decisions,
  status,
  onClose,
}: {
  app: DukcapilApplicationDoc;
  event: PopulationEventDoc | undefined;
  decisions: DukcapilDecisionDoc[];
  status: ApplicationStatus;
  onClose(): void;
}) {
  const { db } = useOpenSession();
  const official = useOfficial();
  const shown = useRef<HTMLElement>(null);
  // Braces: Chromium's scrollIntoView returns a promise, which React would call as a cleanup.
  useEffect(() => {
    shown.current?.scrollIntoView({ block: 'start' });
  }, [app.id]);
  const [said, setMessage] = useState<{
    ok: boolean;
    text: string;
    missing: string[];
    /** How many decisions there were: a decision coming down makes the message stale. */
    decided: number;
  } | null>(null);
  const decided = decisions.filter((d) => d.applicationId === app.id).length;
  const message = said && said.decided === decided ? said : null;
  const [fixNote, setFixNote] = useState('');
  const def = dukcapilDocument(app.documentType);
  const decision = currentDecision(app, decisions);
  const missing = status === 'draf' || status === 'perlu-perbaikan' ? missingItems(app) : [];
  const editable = status === 'draf' || status === 'perlu-perbaikan';

  async function addEvidence(requirement: string, photoIds: string[]) {
    let next = app;
    for (const id of photoIds) next = withEvidence(next, requirement, id, new Date().toISOString());
    await saveApplication(db, next);
  }
  async function revise(input: ApplicationInput): Promise<Record<string, string>> {
    const revised = reviseApplication(app, input, new Date().toISOString());
    if (!revised.ok) return revised.errors;
    await saveApplication(db, revised.doc);
    setMessage({ ok: true, text: 'Isian formulir disimpan.', missing: [], decided });
    return {};
  }
  async function send() {
    const sent = submitApplication(
      app,
      decisions,
      official.name || 'Petugas',
      new Date().toISOString(),
      fixNote,
    );
    if (!sent.ok) {
      return setMessage({ ok: false, text: sent.message, missing: sent.missing, decided });
    }
    await saveApplication(db, sent.doc);
    setMessage({
      ok: true,
      text: 'Permohonan dikirim ke Dukcapil (terkirim saat tersambung).',
      missing: [],
      decided,
    });
  }
  async function collected() {
    await saveApplication(db, {
      ...app,
      collectedAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
  }

  return (
    <article className="dk-detail" aria-label="Permohonan" ref={shown}>
      <header>
        <h3>
          {def.name} — {app.subjectName}
        </h3>
        <button type="button" onClick={onClose}>
          Tutup
        </button>
      </header>
      <p>
        Status:{' '}
        <strong className={`dk-status dk-${status}`}>{APPLICATION_STATUS_LABELS[status]}</strong>
        {' · '}formulir {def.form}
      </p>
      {event && <EventLine event={event} />}
      {decision && decision.note && (
        <p className={`dk-note dk-${decision.step}`} role="note">
          Dukcapil ({decision.officer}): {decision.note}
        </p>
      )}
      {editable && (
        <details className="dk-edit" open={status === 'perlu-perbaikan'}>
          <summary>Isian formulir</summary>
          <ApplicationForm
            initial={formValuesOf(app)}
            typeFixed
            submitLabel="Simpan perubahan"
            onSubmit={revise}
          />
        </details>
      )}
      <h4>Persyaratan</h4>
      <ul className="dk-reqs">
        {def.requirements.map((r) => {
          const count = (app.evidence[r.code] ?? []).length;
          return (
            <li key={r.code} className={count ? 'dk-have' : r.required ? 'dk-lack' : ''}>
              <span>
                {count ? '✔' : r.required ? '✘' : '○'} {DUKCAPIL_REQUIREMENTS[r.code]}
                {r.required ? '' : ' (bila ada)'}
                {count ? ` — ${count} foto` : ''}
              </span>
              {editable && (
                <PhotoInput refId={app.id} onSaved={(ids) => void addEvidence(r.code, ids)} />
              )}
            </li>
          );
        })}
      </ul>
      {editable && (
        <>
          {missing.length > 0 && (
            <div className="dk-missing" role="status">
              <strong>Belum lengkap — belum dapat dikirim:</strong>
              <ul>
                {missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          )}
          {status === 'perlu-perbaikan' && (
            <label className="dk-fix">
              Apa yang sudah diperbaiki
              <input value={fixNote} onChange={(e) => setFixNote(e.target.value)} />
            </label>
          )}
          <button type="button" className="dk-primary" onClick={() => void send()}>
            {status === 'perlu-perbaikan' ? 'Kirim lagi ke Dukcapil' : 'Kirim ke Dukcapil'}
          </button>
        </>
      )}
      {message && (
        <div className={message.ok ? 'dk-ok' : 'dk-missing'} role="status">
          {message.text}
          {/* What is missing is listed above while the application can still be edited. */}
          {!editable && message.missing.length > 0 && (
            <ul>
              {message.missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {(status === 'terbit' || status === 'diambil') && decision && (
        <Issued
          decision={decision}
          onCollected={status === 'terbit' ? () => void collected() : null}
        />
      )}
    </article>
  );
}

function Issued({
  decision,
  onCollected,
}: {
  decision: DukcapilDecisionDoc;
  onCollected: (() => void) | null;
}) {
  const { db, config } = useOpenSession();
  const [printed, setPrinted] = useState('');
  const file$ = useMemo(
    () =>
      db.photos
        .findOne(decision.fileId)
        .$.pipe(map((d) => (d ? (d.toJSON() as unknown as DukcapilFileDoc) : null))),
    [db, decision.fileId],
  );
  const file = useObservable(file$, null);
  const url = useMemo(() => {
    const bytes = file ? base64ToBytes(file.data) : null;
    return bytes
      ? URL.createObjectURL(
          new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
        )
      : '';
  }, [file]);
  return (
    <div className="dk-issued">
      <p>
        Nomor dokumen: <strong>{decision.documentNumber}</strong>
        {decision.kkNumber && (
          <>
            {' · '}Nomor KK baru: <strong>{decision.kkNumber}</strong>
          </>
        )}
      </p>
      {url ? (
        <p>
          {config.shell === 'electron' && (
            <GatedButton
              action="dukcapil.print"
              className="dk-primary"
              onClick={() =>
                void printIssued(decision, file!).then(setPrinted, (e: unknown) =>
                  setPrinted(e instanceof Error ? e.message : String(e)),
                )
              }
            >
              Cetak dokumen (A4)
            </GatedButton>
          )}{' '}
          <a
            className={config.shell === 'electron' ? undefined : 'dk-primary'}
            href={url}
            download={file!.fileName}
          >
            Simpan PDF untuk dicetak (A4)
          </a>
          {printed && <span role="status"> {printed}</span>}
        </p>
      ) : (
        <p>PDF dokumen sedang diunduh dari kabupaten…</p>
      )}
      {onCollected && (
        <button type="button" onClick={onCollected}>
          Tandai sudah diambil
        </button>
      )}
    </div>
  );
}

/** The issued PDF to the kiosk's printer through the host, which checks its hash again. */
async function printIssued(decision: DukcapilDecisionDoc, file: DukcapilFileDoc): Promise<string> {
  const answer = await getBridge().printIssuedPdf({
    applicationId: decision.applicationId,
    documentNumber: decision.documentNumber,
    file: {
      id: file.id,
      refId: file.refId,
      bytes: file.bytes,
      sha256: file.sha256,
      data: file.data,
    },
  });
  if (answer.outcome === 'printed') return `Dokumen ${decision.documentNumber} dicetak.`;
  if (answer.outcome === 'cancelled') return 'Pencetakan dibatalkan.';
  return answer.message;
}
