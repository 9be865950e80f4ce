// The national form's fields of one Dukcapil document, with the people on it: for a new
// application (empty, or prefilled from a population event) and for fixing one Dukcapil sent back
// ("perlu perbaikan"). The caller decides what a submit does and returns the errors per field.
import { useState } from 'react';
import type { ApplicationInput } from '../../shared/dukcapil/application';
import {
  DUKCAPIL_DOCUMENT_TYPES,
  dukcapilDocument,
  type DukcapilDocumentType,
} from '../../shared/dukcapil/catalogue';
import type { ApplicationDraft } from '../../shared/dukcapil/from-event';

export type FormValues = Omit<ApplicationDraft, 'eventId'>;

export const EMPTY_FORM: FormValues = {
  documentType: 'akta-kelahiran',
  subjectName: '',
  subjectNik: '',
  fields: {},
  people: {},
};

export function ApplicationForm({
  initial,
  typeFixed,
  submitLabel,
  onSubmit,
}: {
  initial: FormValues;
  /** An application being fixed keeps its document type. */
  typeFixed: boolean;
  submitLabel: string;
  /** The form's errors, keyed as applicationErrors keys them; none when it was taken. */
  onSubmit(input: ApplicationInput): Promise<Record<string, string>>;
}) {
  const [type, setType] = useState<DukcapilDocumentType>(initial.documentType);
  const [subjectName, setSubjectName] = useState(initial.subjectName);
  const [subjectNik, setSubjectNik] = useState(initial.subjectNik);
  const [fields, setFields] = useState<Record<string, string>>(initial.fields);
  const [people, setPeople] = useState(initial.people);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const def = dukcapilDocument(type);

  async function submit() {
    const found = await onSubmit({
      documentType: type,
      subjectName,
      subjectNik,
      kkNumber: fields.nomorKk ?? '',
      fields,
      subjects: def.subjects.map((s) => ({
        role: s.role,
        ...(people[s.role] ?? { nik: '', name: '' }),
      })),
    });
    setErrors(found);
  }

  const err = (key: string) =>
    errors[key] ? <span className="field-error">{errors[key]}</span> : null;
  const setPerson = (role: string, part: 'nik' | 'name', value: string) =>
    setPeople({ ...people, [role]: { nik: '', name: '', ...people[role], [part]: value } });
  return (
    <>
      <div className="dk-grid">
        <label>
          Jenis dokumen
          <select
            value={type}
            disabled={typeFixed}
            onChange={(e) => setType(e.target.value as DukcapilDocumentType)}
          >
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
              onChange={(e) => setPerson(s.role, 'nik', e.target.value)}
            />
            <input
              aria-label={`${s.label}: nama`}
              placeholder="Nama"
              value={people[s.role]?.name ?? ''}
              onChange={(e) => setPerson(s.role, 'name', e.target.value)}
            />
            {err(`subject.${s.role}`)}
          </fieldset>
        ))}
      </div>
      {err('form')}
      <button type="button" className="dk-primary" onClick={() => void submit()}>
        {submitLabel}
      </button>
    </>
  );
}

/** The form's values of a stored application, to fix it. */
export function formValuesOf(app: {
  documentType: DukcapilDocumentType;
  subjectName: string;
  subjectNik: string;
  fields: Record<string, string>;
  subjects: { role: string; nik: string; name: string }[];
}): FormValues {
  return {
    documentType: app.documentType,
    subjectName: app.subjectName,
    subjectNik: app.subjectNik,
    fields: app.fields,
    people: Object.fromEntries(app.subjects.map((s) => [s.role, { nik: s.nik, name: s.name }])),
  };
}
