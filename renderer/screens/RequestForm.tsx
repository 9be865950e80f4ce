// The walk-in, in one keyboard flow: ticket (F2) → NIK or name, with the register suggesting as
// you type (↓ to pick, Enter to take) → letter type → its own fields and people → the documents
// brought (Space ticks) → Enter saves. Saved locally at once; a resident not yet in the register
// is added as a local record.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LETTER_TYPES } from '../../shared/letter-types';
import { nikMismatches } from '../../shared/nik';
import type { ResidentDoc } from '../../shared/documents/resident';
import {
  requestFromForm,
  type RequestForm as Form,
  type RequestFormErrors,
} from '../../shared/documents/request-form';
import { REQUIREMENTS, requestType, type Subject } from '../../shared/requests/catalogue';
import { ticketWithCounter } from '../../shared/requests/queue';
import { residentFromWalkIn } from '../../shared/residents/local';
import { formatLongDate, localDate } from '../../shared/dates';
import { useT } from '../i18n';
import { residentByNik, searchResidents } from '../residents/search';
import { refusal } from '../../shared/staff/permissions';
import { deskActor, useDesk, useOfficial } from '../state/official';
import { useOpenSession } from '../state/session-store';
import { issueTicket } from './queue-actions';
import { saveReceivedRequest } from './request-writes';

const EMPTY: Form = { nik: '', name: '', serviceType: '', purpose: '' };
/** The latest search typed; an older answer arriving late is dropped. One desk form per page. */
let searchSeq = 0;

export function RequestForm() {
  const t = useT();
  const session = useOpenSession();
  const { db, ids, config } = session;
  const official = useOfficial();
  const { ticket, ticketId, serve } = useDesk();
  const [form, setForm] = useState<Form>(EMPTY);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [subjects, setSubjects] = useState<Record<string, Subject>>({});
  const [ticked, setTicked] = useState<string[]>([]);
  const [errors, setErrors] = useState<RequestFormErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [suggestions, setSuggestions] = useState<ResidentDoc[]>([]);
  const [searched, setSearched] = useState('');
  const [active, setActive] = useState(-1);
  const [picked, setPicked] = useState<ResidentDoc | null>(null);
  const nikRef = useRef<HTMLInputElement>(null);
  const serviceRef = useRef<HTMLSelectElement>(null);
  const type = requestType(form.serviceType);

  async function newTicket() {
    const doc = await issueTicket(session);
    serve(doc.ticket, doc.id);
    nikRef.current?.focus();
  }

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        void newTicket();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  async function search(query: string) {
    const mine = ++searchSeq;
    const found = await searchResidents(db, query);
    if (mine !== searchSeq) return; // a later keystroke's answer wins
    setSuggestions(found);
    setSearched(query);
    setActive(-1);
  }

  /** An error stays only while its field still holds what was refused: a change clears it. */
  function clearErrors(...keys: string[]) {
    if (!keys.some((k) => errors[k])) return;
    const rest = { ...errors };
    for (const k of keys) delete rest[k];
    setErrors(rest);
    if (Object.keys(rest).length === 0) setNotice(null);
  }

  function update(name: keyof Form, value: string) {
    setForm({ ...form, [name]: value });
    clearErrors(name);
    if (name === 'nik' || name === 'name') {
      setPicked(null);
      void search(value);
    }
  }

  function pick(resident: ResidentDoc) {
    setForm({ ...form, nik: resident.nik, name: resident.name });
    clearErrors('nik', 'name');
    setPicked(resident);
    setSuggestions([]);
    setActive(-1);
    serviceRef.current?.focus();
  }

  function onSearchKey(e: KeyboardEvent<HTMLInputElement>) {
    if (!suggestions.length) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, suggestions.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, -1));
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      pick(suggestions[active]!);
    } else if (e.key === 'Escape') {
      setSuggestions([]);
    }
  }

  const field = (name: keyof Form) => ({
    id: `request-${name}`,
    name,
    value: form[name],
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `request-${name}-error` : undefined,
    onChange: (e: { target: { value: string } }) => update(name, e.target.value),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaveError(null);
    setNotice(null);
    const actor = deskActor(official, config.kioskId);
    if (!actor) {
      setSaveError(refusal(official.role, 'request.create'));
      return;
    }
    const author = { villageCode: config.villageCode, kioskId: config.kioskId, ids };
    const result = requestFromForm(form, author, new Date(), {
      ticket,
      fields,
      subjects: Object.values(subjects),
      requirements: ticked,
      actor,
    });
    if (!result.ok) {
      setErrors(result.errors);
      setNotice(t('fixErrors'));
      return;
    }
    let added: boolean;
    try {
      const { residentNik: nik, residentName: name, createdAt: at } = result.doc;
      const walkIn = residentFromWalkIn({ nik, name, at }, author);
      const resident = walkIn && !picked && !(await residentByNik(db, nik)) ? walkIn : null;
      await saveReceivedRequest(db, result.doc, { resident, ticketId });
      added = resident !== null;
    } catch (err) {
      setSaveError(
        `Permohonan tidak tersimpan: ${err instanceof Error ? err.message : String(err)}`,
      );
      return;
    }
    setErrors({});
    setForm(EMPTY);
    setFields({});
    setSubjects({});
    setTicked([]);
    setPicked(null);
    setSuggestions([]);
    serve('', '');
    setNotice(added ? `${t('saved')} ${t('residentAdded')}` : t('saved'));
    nikRef.current?.focus();
  }

  const error = (name: string) =>
    errors[name] && (
      <span className="field-error" id={`request-${name.replace('.', '-')}-error`}>
        {errors[name]}
      </span>
    );

  const warnings = picked
    ? nikMismatches(picked.nik, { birthDate: picked.birthDate ?? undefined, sex: picked.sex })
    : [];
  const today = localDate();

  return (
    <form className="request-form" onSubmit={submit} noValidate aria-labelledby="new-request-title">
      <h2 id="new-request-title">{t('newRequest')}</h2>
      <div className="ticket-line">
        <button type="button" className="secondary" onClick={() => void newTicket()}>
          {t('newTicket')}
        </button>
        <output data-testid="current-ticket" aria-live="polite" title={ticket || undefined}>
          {ticket ? `${t('ticket')} ${ticketWithCounter(ticket)}` : t('noTicket')}
        </output>
      </div>

      <label htmlFor="request-nik">{t('nik')}</label>
      <input
        {...field('nik')}
        ref={nikRef}
        inputMode="numeric"
        autoComplete="off"
        autoFocus
        maxLength={20}
        role="combobox"
        aria-expanded={suggestions.length > 0}
        aria-controls="resident-suggestions"
        onKeyDown={onSearchKey}
      />
      <small>{t('nikHint')}</small>
      {error('nik')}

      <label htmlFor="request-name">{t('name')}</label>
      <input {...field('name')} autoComplete="off" maxLength={140} onKeyDown={onSearchKey} />
      {error('name')}

      <ul
        id="resident-suggestions"
        role="listbox"
        aria-label={t('residentsFound')}
        className="suggestions"
        data-testid="resident-suggestions"
        data-query={searched}
        hidden={suggestions.length === 0}
      >
        {suggestions.map((r, i) => (
          <li
            key={r.id}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(r);
            }}
          >
            <span className="nik">{r.nik}</span> {r.name}
            {r.birthDate ? ` · ${formatLongDate(r.birthDate)}` : ''}
            {r.dusun ? ` · ${r.dusun} RT ${r.rt}/RW ${r.rw}` : ''}
            {r.type === 'resident-local' ? ` · ${t('localRecord')}` : ''}
          </li>
        ))}
      </ul>
      {picked && (
        <p className="picked" data-testid="picked-resident">
          {t('residentFound')}: {picked.name} ({picked.nik})
          {picked.type === 'resident-local' ? ` · ${t('localRecord')}` : ''}
        </p>
      )}
      {warnings.map((w) => (
        <p key={w} className="warning" role="note">
          ⚠ {w}
        </p>
      ))}
      {!picked && form.nik.length === 16 && searched === form.nik && suggestions.length === 0 && (
        <p className="hint">{t('residentNotFound')}</p>
      )}

      <label htmlFor="request-serviceType">{t('serviceType')}</label>
      <select {...field('serviceType')} ref={serviceRef}>
        <option value="">{t('chooseService')}</option>
        {LETTER_TYPES.map((lt) => (
          <option key={lt.code} value={lt.code}>
            {lt.name}
          </option>
        ))}
      </select>
      {error('serviceType')}

      <label htmlFor="request-purpose">{t('purpose')}</label>
      <input {...field('purpose')} autoComplete="off" maxLength={320} />
      {error('purpose')}

      {type && type.fields.length > 0 && (
        <fieldset className="type-fields">
          <legend>{t('letterDetails')}</legend>
          {type.fields.map((f) => {
            const id = `request-field-${f.key}`;
            const common = {
              id,
              value: fields[f.key] ?? '',
              'aria-invalid': errors[`field.${f.key}`] ? true : undefined,
              onChange: (e: { target: { value: string } }) => {
                setFields({ ...fields, [f.key]: e.target.value });
                clearErrors(`field.${f.key}`);
              },
            };
            return (
              <div key={f.key} className="field">
                <label htmlFor={id}>
                  {f.label}
                  {f.required ? ' *' : ''}
                </label>
                {f.kind === 'select' ? (
                  <select {...common}>
                    <option value="">—</option>
                    {f.options?.map((o) => (
                      <option key={o}>{o}</option>
                    ))}
                  </select>
                ) : f.kind === 'textarea' ? (
                  <textarea {...common} rows={2} maxLength={f.maxLength} />
                ) : (
                  <input
                    {...common}
                    type={f.kind === 'date' ? 'date' : 'text'}
                    placeholder={f.kind === 'time' ? 'JJ:MM' : undefined}
                    inputMode={f.kind === 'rupiah' ? 'numeric' : undefined}
                    max={f.kind === 'date' ? '9999-12-31' : undefined}
                    maxLength={f.maxLength}
                    autoComplete="off"
                  />
                )}
                {error(`field.${f.key}`)}
              </div>
            );
          })}
        </fieldset>
      )}

      {type && type.subjects.some((s) => s.role !== 'applicant') && (
        <fieldset className="type-subjects">
          <legend>{t('otherPeople')}</legend>
          {type.subjects
            .filter((s) => s.role !== 'applicant')
            .map((s) => {
              const value = subjects[s.role] ?? { role: s.role, nik: '', name: '' };
              const set = (patch: Partial<Subject>) => {
                setSubjects({ ...subjects, [s.role]: { ...value, ...patch } });
                clearErrors(`subject.${s.role}`);
              };
              return (
                <div key={s.role} className="field subject">
                  <label htmlFor={`request-subject-${s.role}-nik`}>
                    {s.label} — {t('nik')}
                    {s.required ? ' *' : ''}
                  </label>
                  <input
                    id={`request-subject-${s.role}-nik`}
                    value={value.nik}
                    inputMode="numeric"
                    maxLength={20}
                    autoComplete="off"
                    onChange={(e) => set({ nik: e.target.value })}
                    onBlur={() =>
                      void residentByNik(db, value.nik.replace(/\s+/g, '')).then(
                        (r) => r && !value.name && set({ name: r.name }),
                      )
                    }
                  />
                  <label htmlFor={`request-subject-${s.role}-name`}>
                    {s.label} — {t('personName')}
                  </label>
                  <input
                    id={`request-subject-${s.role}-name`}
                    value={value.name}
                    maxLength={120}
                    autoComplete="off"
                    onChange={(e) => set({ name: e.target.value })}
                  />
                  {error(`subject.${s.role}`)}
                </div>
              );
            })}
        </fieldset>
      )}

      {type && (
        <fieldset className="requirements">
          <legend>{t('requirements')}</legend>
          {type.requirements.map((code) => (
            <label key={code} className="check">
              <input
                type="checkbox"
                id={`request-req-${code}`}
                checked={ticked.includes(code)}
                onChange={(e) =>
                  setTicked(e.target.checked ? [...ticked, code] : ticked.filter((c) => c !== code))
                }
              />{' '}
              {REQUIREMENTS[code]}
            </label>
          ))}
        </fieldset>
      )}

      <button type="submit">{t('save')}</button>
      <p className="form-notice" role="status" aria-live="polite" data-testid="form-notice">
        {notice}
      </p>
      {saveError && (
        <p className="field-error" role="alert">
          {saveError}
        </p>
      )}
      <input type="hidden" value={today} readOnly />
    </form>
  );
}
