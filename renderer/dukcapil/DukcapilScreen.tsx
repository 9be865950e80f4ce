// "Dukcapil": applications to the regency's Dukcapil (docs/decisions/0018). Staff open an
// application (the national form's fields), photograph each requirement, and send it — refused,
// and it stays a draft, while anything required is missing, which is listed. Every application's
// status comes from Dukcapil's decisions as they sync down; "perlu perbaikan" shows what to fix
// and is sent again; an issued document's PDF is kept for printing on A4.
import { useMemo, useState } from 'react';
import { map } from 'rxjs';
import {
  APPLICATION_STATUS_LABELS,
  applicationFromForm,
  applicationStatus,
  currentDecision,
  missingItems,
  submitApplication,
  withEvidence,
  type ApplicationStatus,
} from '../../shared/dukcapil/application';
import {
  DUKCAPIL_DOCUMENT_TYPES,
  DUKCAPIL_REQUIREMENTS,
  dukcapilDocument,
  shortName,
  type DukcapilDocumentType,
} from '../../shared/dukcapil/catalogue';
import type {
  DukcapilApplicationDoc,
  DukcapilDecisionDoc,
  DukcapilFileDoc,
} from '../../shared/documents/dukcapil';
import { localDate } from '../../shared/dates';
import { base64ToBytes } from '../../shared/bytes/base64';
import { PhotoInput } from '../photos/PhotoInput';
import { useOfficial } from '../state/official';
import { useOpenSession } from '../state/session-store';
import { useObservable } from '../state/use-observable';
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

export function DukcapilScreen() {
  const data = useDukcapilData();
  const [openId, setOpenId] = useState<string | null>(null);
  const rows = data.applications.map((a) => ({
    app: a,
    status: applicationStatus(a, data.decisions),
  }));
  const ready = rows.filter((r) => r.status === 'terbit');
  const open = rows.find((r) => r.app.id === openId);
  return (
    <section className="dk" aria-labelledby="dk-title">
      <h2 id="dk-title">Permohonan ke Dukcapil</h2>
      <NewApplication onCreated={setOpenId} />
      <h3>Siap diambil / dicetak ({ready.length})</h3>
      <ApplicationTable rows={ready} onOpen={setOpenId} empty="Belum ada dokumen terbit." />
      <h3>Semua permohonan ({rows.length})</h3>
      <ApplicationTable rows={rows} onOpen={setOpenId} empty="Belum ada permohonan." />
      {open && (
        <ApplicationDetail
          key={open.app.id}
          app={open.app}
          decisions={data.decisions}
          status={open.status}
          onClose={() => setOpenId(null)}
        />
      )}
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

function NewApplication({ onCreated }: { onCreated(id: string): void }) {
  const { db, ids, config } = useOpenSession();
  const [type, setType] = useState<DukcapilDocumentType>('akta-kelahiran');
  const [subjectName, setSubjectName] = useState('');
  const [subjectNik, setSubjectNik] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [people, setPeople] = useState<Record<string, { nik: string; name: string }>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const def = dukcapilDocument(type);

  async function create() {
    const at = new Date().toISOString();
    const made = applicationFromForm(
      {
        documentType: type,
        subjectName,
        subjectNik,
        kkNumber: fields.nomorKk ?? '',
        fields,
        subjects: def.subjects.map((s) => ({
          role: s.role,
          ...(people[s.role] ?? { nik: '', name: '' }),
        })),
      },
      { villageCode: config.villageCode, kioskId: config.kioskId, ids },
      at,
      localDate(),
    );
    if (!made.ok) return setErrors(made.errors);
    setErrors({});
    try {
      await insertApplication(db, made.doc);
    } catch (error) {
      return setErrors({ form: String((error as Error).message ?? error) });
    }
    setSubjectName('');
    setSubjectNik('');
    setFields({});
    setPeople({});
    onCreated(made.doc.id);
  }

  const err = (key: string) =>
    errors[key] ? <span className="field-error">{errors[key]}</span> : null;
  return (
    <details className="dk-new" open>
      <summary>Permohonan baru</summary>
      <div className="dk-grid">
        <label>
          Jenis dokumen
          <select value={type} onChange={(e) => setType(e.target.value as DukcapilDocumentType)}>
            {DUKCAPIL_DOCUMENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {dukcapilDocument(t).name}
              </option>
            ))}
          </select>
          <span className="dk-hint">Formulir {def.form}</span>
        </label>
        <label>
          Nama yang bersangkutan
          <input value={subjectName} onChange={(e) => setSubjectName(e.target.value)} />
          {err('subjectName')}
        </label>
        <label>
          NIK (kosongkan untuk bayi)
          <input
            value={subjectNik}
            inputMode="numeric"
            onChange={(e) => setSubjectNik(e.target.value)}
          />
          {err('subjectNik')}
        </label>
        {def.fields.map((f) => (
          <label key={f.key}>
            {f.label}
            {f.required ? ' *' : ''}
            {f.kind === 'select' ? (
              <select
                value={fields[f.key] ?? ''}
                onChange={(e) => setFields({ ...fields, [f.key]: e.target.value })}
              >
                <option value="">— pilih —</option>
                {f.options?.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            ) : (
              <input
                type={f.kind === 'date' ? 'date' : 'text'}
                value={fields[f.key] ?? ''}
                maxLength={f.maxLength}
                onChange={(e) => setFields({ ...fields, [f.key]: e.target.value })}
              />
            )}
            {err(`field.${f.key}`)}
          </label>
        ))}
        {def.subjects.map((s) => (
          <fieldset key={s.role} className="dk-person">
            <legend>
              {s.label}
              {s.required ? ' *' : ''}
            </legend>
            <input
              aria-label={`${s.label}: NIK`}
              placeholder="NIK"
              inputMode="numeric"
              value={people[s.role]?.nik ?? ''}
              onChange={(e) =>
                setPeople({
                  ...people,
                  [s.role]: { name: '', ...people[s.role], nik: e.target.value },
                })
              }
            />
            <input
              aria-label={`${s.label}: nama`}
              placeholder="Nama"
              value={people[s.role]?.name ?? ''}
              onChange={(e) =>
                setPeople({
                  ...people,
                  [s.role]: { nik: '', ...people[s.role], name: e.target.value },
                })
              }
            />
            {err(`subject.${s.role}`)}
          </fieldset>
        ))}
      </div>
      {err('form')}
      <button type="button" className="dk-primary" onClick={() => void create()}>
        Simpan draf
      </button>
    </details>
  );
}

function ApplicationDetail({
  app,
  decisions,
  status,
  onClose,
}: {
  app: DukcapilApplicationDoc;
  decisions: DukcapilDecisionDoc[];
  status: ApplicationStatus;
  onClose(): void;
}) {
  const { db } = useOpenSession();
  const official = useOfficial();
  const [message, setMessage] = useState<{ ok: boolean; text: string; missing: string[] } | null>(
    null,
  );
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
  async function send() {
    const sent = submitApplication(
      app,
      decisions,
      official.name || 'Petugas',
      new Date().toISOString(),
      fixNote,
    );
    if (!sent.ok) return setMessage({ ok: false, text: sent.message, missing: sent.missing });
    await saveApplication(db, sent.doc);
    setMessage({
      ok: true,
      text: 'Permohonan dikirim ke Dukcapil (terkirim saat tersambung).',
      missing: [],
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
    <article className="dk-detail" aria-label="Permohonan">
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
      {decision && decision.note && (
        <p className={`dk-note dk-${decision.step}`} role="note">
          Dukcapil ({decision.officer}): {decision.note}
        </p>
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
  const { db } = useOpenSession();
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
          <a className="dk-primary" href={url} download={file!.fileName}>
            Simpan PDF untuk dicetak (A4)
          </a>
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
