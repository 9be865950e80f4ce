// The resident register: search by NIK, family card or name as you type; open the family of any
// member; add a resident (with a temporary number when there is no NIK) or correct one. Additions
// and corrections are `resident-local` records, marked as local, and go up with sync. The coded
// elements (agama, pekerjaan…) are picked from the civil registry's lists; the birth date is typed
// as a clerk writes it (17-08-1945), read by the same parser as the import.
import { useRef, useState, type FormEvent } from 'react';
import type { ResidentDoc } from '../../shared/documents/resident';
import { nikMismatches } from '../../shared/nik';
import {
  EDUCATION_LEVELS,
  FAMILY_RELATIONS,
  MARITAL_STATUSES,
  OCCUPATIONS,
  RELIGIONS,
  SEXES,
  canonicalName,
  namesOf,
  type CodeList,
} from '../../shared/residents/civil-codes';
import {
  EMPTY_RESIDENT_FORM,
  localResidentFromForm,
  nextTemporaryNik,
  type ResidentForm,
  type ResidentFormErrors,
} from '../../shared/residents/local';
import { saveLocalResident } from '../residents/write';
import { useT } from '../i18n';
import { Button, Card, Field, Message } from '../ui';
import { STATUS_LABELS } from '../population/labels';
import { familyOf, searchResidents, temporaryNiks } from '../residents/search';
import { useOpenSession } from '../state/session-store';

type FormValues = Record<keyof ResidentForm, string>;
const EMPTY = EMPTY_RESIDENT_FORM as unknown as FormValues;

/** The form's fields in order: typed, or picked from a code list (`sex` from L/P). */
const FIELDS: [keyof FormValues, string, CodeList | 'sex' | null][] = [
  ['nik', 'NIK', null],
  ['kkNumber', 'Nomor KK', null],
  ['name', 'Nama lengkap', null],
  ['sex', 'Jenis kelamin', 'sex'],
  ['birthPlace', 'Tempat lahir', null],
  ['birthDate', 'Tanggal lahir', null],
  ['religion', RELIGIONS.label, RELIGIONS],
  ['maritalStatus', MARITAL_STATUSES.label, MARITAL_STATUSES],
  ['familyRelation', FAMILY_RELATIONS.label, FAMILY_RELATIONS],
  ['education', EDUCATION_LEVELS.label, EDUCATION_LEVELS],
  ['occupation', OCCUPATIONS.label, OCCUPATIONS],
  ['dusun', 'Dusun', null],
  ['rw', 'RW', null],
  ['rt', 'RT', null],
];

/** Search shows this many; one more is fetched to know that more exist. */
const SHOWN = 20;

/** A stored record's value for the form: a coded element by its list's name where it has one. */
function formValue(resident: ResidentDoc, key: keyof FormValues): string {
  const raw = String((resident as Record<string, unknown>)[key] ?? '');
  const list = FIELDS.find(([k]) => k === key)?.[2];
  if (!list || list === 'sex') return raw;
  return canonicalName(list, raw) ?? raw;
}

export function ResidentsScreen() {
  const t = useT();
  const { db, ids, config } = useOpenSession();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<ResidentDoc[]>([]);
  const [searched, setSearched] = useState('');
  const [family, setFamily] = useState<ResidentDoc[] | null>(null);
  const [editing, setEditing] = useState<{ corrects: string | null } | null>(null);
  const [form, setForm] = useState<FormValues>(EMPTY);
  const [errors, setErrors] = useState<ResidentFormErrors>({});
  const [message, setMessage] = useState<string | null>(null);

  const latestSearch = useRef(0);
  async function search(value: string) {
    setQuery(value);
    const mine = ++latestSearch.current;
    const results = await searchResidents(db, value, SHOWN + 1);
    if (mine !== latestSearch.current) return;
    setFound(results);
    setSearched(value);
  }

  /** A field changed: its value taken, its old error gone (it was about what was there). */
  function change(key: keyof FormValues, value: string) {
    setForm({ ...form, [key]: value });
    dropError(key);
  }

  function dropError(key: keyof FormValues) {
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== key)));
  }

  function startEdit(resident: ResidentDoc | null) {
    setMessage(null);
    setErrors({});
    setEditing({ corrects: resident ? (resident.corrects ?? resident.id) : null });
    setForm(
      resident
        ? (Object.fromEntries(FIELDS.map(([k]) => [k, formValue(resident, k)])) as FormValues)
        : EMPTY,
    );
  }

  async function giveTemporary() {
    dropError('nik');
    setForm({
      ...form,
      nik: nextTemporaryNik(
        config.villageCode,
        config.kioskId,
        await temporaryNiks(db, config.villageCode),
      ),
    });
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const made = localResidentFromForm(
      form,
      { villageCode: config.villageCode, kioskId: config.kioskId, ids },
      { corrects: editing?.corrects ?? null },
    );
    if (!made.ok) {
      setErrors(made.errors);
      return;
    }
    try {
      const saved = await saveLocalResident(db, made.doc);
      if (!saved.ok) {
        setErrors({ nik: saved.nik });
        return;
      }
    } catch (err) {
      setMessage((err as Error).message);
      return;
    }
    setEditing(null);
    setMessage([t('residentSaved'), ...made.warnings].join(' '));
    void search(made.doc.nik);
  }

  return (
    // The screen's title is the page heading (App): no second "Penduduk" here.
    <section className="residents ui-stack" aria-label={t('residents')}>
      <div className="ui-row">
        <Field id="resident-search" label={t('searchResident')} className="resident-search">
          {(control) => (
            <input
              {...control}
              value={query}
              autoFocus
              autoComplete="off"
              onChange={(e) => void search(e.target.value)}
            />
          )}
        </Field>
        <Button onClick={() => startEdit(null)}>{t('addResident')}</Button>
      </div>
      {/* The ui table's look, with the query it answers (the tests wait for it). */}
      <div className="ui-table-wrap">
        <table className="ui-table" data-testid="resident-results" data-query={searched}>
          <thead>
            <tr>
              <th>{t('nik')}</th>
              <th>{t('personName')}</th>
              <th>KK</th>
              <th>Alamat</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {found.slice(0, SHOWN).map((r) => {
              const warnings = nikMismatches(r.nik, {
                birthDate: r.birthDate ?? undefined,
                sex: r.sex,
              });
              return (
                <tr key={r.id}>
                  <td className="nik">{r.nik}</td>
                  <td>
                    {r.name}
                    {r.type === 'resident-local' && <em> · {t('localRecord')}</em>}
                    {r.status !== 'living' && <strong> · {STATUS_LABELS[r.status]}</strong>}
                    {warnings.map((w) => (
                      <div key={w} className="warning">
                        ⚠ {w}
                      </div>
                    ))}
                  </td>
                  <td>{r.kkNumber}</td>
                  <td>
                    {r.dusun} {r.rt && `RT ${r.rt}/RW ${r.rw}`}
                  </td>
                  <td>
                    {r.kkNumber && (
                      <Button
                        small
                        variant="quiet"
                        onClick={() => void familyOf(db, r.kkNumber).then(setFamily)}
                      >
                        {t('family')}
                      </Button>
                    )}{' '}
                    <Button small variant="quiet" onClick={() => startEdit(r)}>
                      {t('correctResident')}
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {found.length > SHOWN && (
        <Message testId="resident-more">
          Lebih dari {SHOWN} penduduk cocok; yang tampil {SHOWN} pertama. Ketik lebih lengkap (NIK,
          nomor KK atau nama) untuk mempersempit.
        </Message>
      )}
      {family && (
        <Card title={`${t('family')} — KK ${family[0]?.kkNumber ?? ''}`}>
          <ul data-testid="family">
            {family.map((m) => (
              <li key={m.id}>
                {m.name} ({m.nik}) {m.familyRelation}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {editing && (
        <Card title={editing.corrects ? t('correctResident') : t('addResident')}>
          <form
            onSubmit={save}
            noValidate
            aria-label={editing.corrects ? t('correctResident') : t('addResident')}
          >
            <div className="ui-form-grid">
              {FIELDS.map(([key, label, list]) => {
                const options =
                  list === 'sex' ? SEXES : list ? namesOf(list).map((n) => [n, n] as const) : [];
                return (
                  <Field key={key} id={`resident-${key}`} label={label} error={errors[key]}>
                    {(control) =>
                      list ? (
                        <select
                          {...control}
                          value={form[key]}
                          onChange={(e) => change(key, e.target.value)}
                        >
                          <option value="">— pilih —</option>
                          {/* A stored value not on the list stays visible until corrected. */}
                          {form[key] && !options.some(([v]) => v === form[key]) && (
                            <option value={form[key]}>{form[key]} (tidak ada di daftar)</option>
                          )}
                          {options.map(([value, name]) => (
                            <option key={value} value={value}>
                              {name}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <input
                          {...control}
                          value={form[key]}
                          autoComplete="off"
                          onChange={(e) => change(key, e.target.value)}
                          placeholder={key === 'birthDate' ? 'mis. 17-08-1945' : undefined}
                          inputMode={
                            ['nik', 'kkNumber', 'rt', 'rw'].includes(key) ? 'numeric' : undefined
                          }
                        />
                      )
                    }
                  </Field>
                );
              })}
            </div>
            <div className="ui-actions">
              <Button variant="primary" type="submit">
                {t('saveResident')}
              </Button>
              <Button onClick={() => void giveTemporary()}>{t('temporaryNumber')}</Button>
              <Button variant="quiet" onClick={() => setEditing(null)}>
                Batal
              </Button>
            </div>
          </form>
        </Card>
      )}
      {message && <Message tone="success">{message}</Message>}
    </section>
  );
}
