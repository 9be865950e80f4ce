// The resident register: search by NIK, family card or name as you type; open the family of any
// member; add a resident (with a temporary number when there is no NIK) or correct one. Additions
// and corrections are `resident-local` records, marked as local, and go up with sync.
import { useRef, useState, type FormEvent } from 'react';
import type { ResidentDoc } from '../../shared/documents/resident';
import { nikMismatches } from '../../shared/nik';
import {
  EMPTY_RESIDENT_FORM,
  localResidentFromForm,
  nextTemporaryNik,
  type ResidentForm,
  type ResidentFormErrors,
} from '../../shared/residents/local';
import { saveLocalResident } from '../residents/write';
import { useT } from '../i18n';
import { STATUS_LABELS } from '../population/labels';
import { familyOf, searchResidents, temporaryNiks } from '../residents/search';
import { useOpenSession } from '../state/session-store';

type FormValues = Record<keyof ResidentForm, string>;
const EMPTY = EMPTY_RESIDENT_FORM as unknown as FormValues;

const LABELS: [keyof FormValues, string][] = [
  ['nik', 'NIK'],
  ['kkNumber', 'Nomor KK'],
  ['name', 'Nama lengkap'],
  ['sex', 'Jenis kelamin (L/P)'],
  ['birthPlace', 'Tempat lahir'],
  ['birthDate', 'Tanggal lahir (TTTT-BB-HH)'],
  ['religion', 'Agama'],
  ['maritalStatus', 'Status perkawinan'],
  ['familyRelation', 'Hubungan dalam keluarga'],
  ['education', 'Pendidikan'],
  ['occupation', 'Pekerjaan'],
  ['dusun', 'Dusun'],
  ['rw', 'RW'],
  ['rt', 'RT'],
];

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
    const results = await searchResidents(db, value, 20);
    if (mine !== latestSearch.current) return;
    setFound(results);
    setSearched(value);
  }

  function startEdit(resident: ResidentDoc | null) {
    setMessage(null);
    setErrors({});
    setEditing({ corrects: resident ? (resident.corrects ?? resident.id) : null });
    setForm(
      resident
        ? (Object.fromEntries(
            LABELS.map(([k]) => [k, String((resident as Record<string, unknown>)[k] ?? '')]),
          ) as FormValues)
        : EMPTY,
    );
  }

  async function giveTemporary() {
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
      await saveLocalResident(db, made.doc);
    } catch (err) {
      setMessage((err as Error).message);
      return;
    }
    setEditing(null);
    setMessage([t('residentSaved'), ...made.warnings].join(' '));
    void search(made.doc.nik);
  }

  return (
    <section className="residents" aria-labelledby="residents-title">
      <h2 id="residents-title">{t('residents')}</h2>
      <label htmlFor="resident-search">{t('searchResident')}</label>
      <input
        id="resident-search"
        value={query}
        autoFocus
        autoComplete="off"
        onChange={(e) => void search(e.target.value)}
      />
      <button type="button" className="secondary" onClick={() => startEdit(null)}>
        {t('addResident')}
      </button>
      <table data-testid="resident-results" data-query={searched}>
        <tbody>
          {found.map((r) => {
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
                    <button
                      type="button"
                      className="link"
                      onClick={() => void familyOf(db, r.kkNumber).then(setFamily)}
                    >
                      {t('family')}
                    </button>
                  )}{' '}
                  <button type="button" className="link" onClick={() => startEdit(r)}>
                    {t('correctResident')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {family && (
        <div data-testid="family">
          <h3>
            {t('family')} — KK {family[0]?.kkNumber}
          </h3>
          <ul>
            {family.map((m) => (
              <li key={m.id}>
                {m.name} ({m.nik}) {m.familyRelation}
              </li>
            ))}
          </ul>
        </div>
      )}
      {editing && (
        <form onSubmit={save} noValidate className="resident-form">
          {LABELS.map(([key, label]) => (
            <div key={key} className="field">
              <label htmlFor={`resident-${key}`}>{label}</label>
              <input
                id={`resident-${key}`}
                value={form[key]}
                autoComplete="off"
                onChange={(e) => setForm({ ...form, [key]: e.target.value })}
              />
              {errors[key] && <span className="field-error">{errors[key]}</span>}
            </div>
          ))}
          <button type="button" className="secondary" onClick={() => void giveTemporary()}>
            {t('temporaryNumber')}
          </button>
          <button type="submit">{t('saveResident')}</button>
        </form>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}
