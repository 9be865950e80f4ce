// Mutasi Penduduk: staff pick the kind of event, find the person in the register (or, for a
// birth, a parent), fill what that kind needs and press Enter. The event and the person's record
// after it are written together, so the desk's resident search shows the change at once; what the
// rules refuse is said per field and nothing is written. The latest events are listed below, each
// with the way to reverse it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PopulationEventDoc, PopulationEventKind } from '../../shared/documents/population';
import { POPULATION_EVENT_KINDS } from '../../shared/documents/population';
import type { ResidentDoc } from '../../shared/documents/resident';
import { localDate } from '../../shared/dates';
import {
  CHANGEABLE_FIELDS,
  EMPTY_EVENT_FORM,
  EVENT_KIND_LABELS,
  recordEvent,
  type EventForm,
  type EventFormErrors,
} from '../../shared/population/events';
import { nextTemporaryNik } from '../../shared/residents/local';
import { DOCUMENT_FOR_EVENT } from '../../shared/dukcapil/from-event';
import { shortName } from '../../shared/dukcapil/catalogue';
import { startFromEvent } from '../dukcapil/from-event';
import { searchResidents, temporaryNiks } from '../residents/search';
import { useNavigation } from '../state/navigation';
import { useOpenSession } from '../state/session-store';
import { useOfficial } from '../state/official';
import { Button, Card, Field, Message, Table } from '../ui';
import { loadEvents, registerFor, saveEvent } from './data';
import { STATUS_LABELS } from './labels';
import './population.css';

/** Kinds that bring a new person in: no register search for the subject. */
const NEW_PERSON: readonly PopulationEventKind[] = ['kelahiran', 'datang'];
const RECORDABLE = POPULATION_EVENT_KINDS.filter((k) => k !== 'pembatalan');

export function MutasiScreen() {
  const { db, ids, config } = useOpenSession();
  const official = useOfficial();
  const today = localDate();
  const fresh = (): EventForm => ({ ...EMPTY_EVENT_FORM, eventDate: today, reportDate: today });
  const [form, setForm] = useState<EventForm>(fresh);
  const [errors, setErrors] = useState<EventFormErrors>({});
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [person, setPerson] = useState<ResidentDoc | null>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<ResidentDoc[]>([]);
  const [events, setEvents] = useState<PopulationEventDoc[]>([]);
  /** The event just saved, when it needs a document from Dukcapil. */
  const [needsDocument, setNeedsDocument] = useState<PopulationEventDoc | null>(null);
  const go = useNavigation((s) => s.go);
  const latestSearch = useRef(0);

  useEffect(() => {
    void loadEvents(db).then(setEvents);
  }, [db]);

  const set = (key: keyof EventForm, value: string) => setForm((f) => ({ ...f, [key]: value }));
  const bind = (key: keyof EventForm) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
  });

  function chooseKind(kind: string) {
    setNeedsDocument(null);
    setErrors({});
    setMessage(null);
    setPerson(null);
    setFound([]);
    setQuery('');
    setForm({ ...fresh(), kind: kind as PopulationEventKind });
  }

  async function search(value: string) {
    setQuery(value);
    const mine = ++latestSearch.current;
    const results = await searchResidents(db, value, 8);
    if (mine === latestSearch.current) setFound(results);
  }

  function pick(resident: ResidentDoc) {
    setFound([]);
    setQuery('');
    if (form.kind === 'kelahiran') {
      set(resident.sex === 'P' ? 'motherNik' : 'fatherNik', resident.nik);
      return;
    }
    setPerson(resident);
    set('nik', resident.nik);
  }

  function reverse(event: PopulationEventDoc) {
    setErrors({});
    setMessage(null);
    setPerson(null);
    setForm({ ...fresh(), kind: 'pembatalan', reverses: event.id });
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    setNeedsDocument(null);
    const niks = [form.nik, form.motherNik, form.fatherNik].map((n) => n.replace(/\s+/g, ''));
    const reversed = events.find((ev) => ev.id === form.reverses);
    if (reversed) niks.push(reversed.nik);
    const register = await registerFor(db, niks, [form.kkNumber.replace(/\s+/g, '')]);
    const result = recordEvent(form, register, events, {
      author: { villageCode: config.villageCode, kioskId: config.kioskId, ids },
      recordedBy: official.name,
      today: localDate(),
      now: new Date().toISOString(),
      temporaryNik:
        form.kind === 'kelahiran' && !form.nik
          ? nextTemporaryNik(
              config.villageCode,
              config.kioskId,
              await temporaryNiks(db, config.villageCode),
            )
          : '',
    });
    if (!result.ok) {
      setErrors(result.errors);
      setMessage({ tone: 'error', text: 'Periksa isian yang ditandai; belum ada yang disimpan.' });
      return;
    }
    try {
      await saveEvent(db, result.event, result.resident);
    } catch (err) {
      setMessage({ tone: 'error', text: (err as Error).message });
      return;
    }
    setEvents((list) => [...list, result.event]);
    if (DOCUMENT_FOR_EVENT[result.event.kind]) setNeedsDocument(result.event);
    setMessage({
      tone: 'success',
      text: `${EVENT_KIND_LABELS[result.event.kind]} ${result.event.subjectName} (${result.event.nik}) tercatat; data penduduk sudah diperbarui.`,
    });
    setErrors({});
    setPerson(null);
    setForm({ ...fresh(), kind: form.kind });
  }

  const input = (key: keyof EventForm, label: string, hint?: string, type = 'text') => (
    <Field id={`mutasi-${key}`} label={label} hint={hint} error={errors[key]}>
      {(p) => <input {...p} type={type} autoComplete="off" {...bind(key)} />}
    </Field>
  );
  const select = (key: keyof EventForm, label: string, options: [string, string][]) => (
    <Field id={`mutasi-${key}`} label={label} error={errors[key]}>
      {(p) => (
        <select {...p} {...bind(key)}>
          <option value="">— pilih —</option>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const address = (
    <>
      {input('dusun', 'Dusun')}
      {input('rw', 'RW')}
      {input('rt', 'RT')}
    </>
  );
  const kind = form.kind;
  const reversing = events.find((ev) => ev.id === form.reverses);
  const reversedIds = new Set(events.map((ev) => ev.reverses));

  return (
    <section className="mutasi ui-stack" aria-label="Mutasi Penduduk">
      <p className="population-lead">
        Catat kelahiran, kematian, pindah, datang dan perubahan data; data penduduk langsung
        diperbarui.
      </p>
      <Card title="Peristiwa baru">
        <form className="ui-stack" onSubmit={(e) => void save(e)} noValidate>
          <div className="ui-form-grid">
            <Field id="mutasi-kind" label="Jenis peristiwa" error={errors.kind}>
              {(p) => (
                <select {...p} autoFocus value={kind} onChange={(e) => chooseKind(e.target.value)}>
                  <option value="">— pilih peristiwa —</option>
                  {RECORDABLE.map((k) => (
                    <option key={k} value={k}>
                      {EVENT_KIND_LABELS[k]}
                    </option>
                  ))}
                  {kind === 'pembatalan' && (
                    <option value="pembatalan">{EVENT_KIND_LABELS.pembatalan}</option>
                  )}
                </select>
              )}
            </Field>
            {kind &&
              kind !== 'pembatalan' &&
              input('eventDate', 'Tanggal peristiwa', 'TTTT-BB-HH', 'date')}
            {kind && input('reportDate', 'Tanggal lapor', 'TTTT-BB-HH', 'date')}
          </div>

          {kind && kind !== 'pembatalan' && kind !== 'datang' && (
            <div className="ui-stack">
              <Field
                id="mutasi-search"
                label={
                  kind === 'kelahiran'
                    ? 'Cari ibu atau ayah (NIK atau nama)'
                    : 'Cari penduduk (NIK, No. KK atau nama)'
                }
                error={kind === 'kelahiran' ? undefined : errors.nik}
              >
                {(p) => (
                  <input
                    {...p}
                    value={query}
                    autoComplete="off"
                    onChange={(e) => void search(e.target.value)}
                  />
                )}
              </Field>
              {found.length > 0 && (
                <ul className="mutasi-found" aria-label="Hasil pencarian">
                  {found.map((r) => (
                    <li key={r.id}>
                      <Button small onClick={() => pick(r)}>
                        {r.name} · {r.nik} · {STATUS_LABELS[r.status]} · {r.dusun} RT {r.rt}/RW{' '}
                        {r.rw}
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
              {person && !NEW_PERSON.includes(kind) && (
                <Message tone="info" testId="mutasi-person">
                  {person.name} · NIK {person.nik} · KK {person.kkNumber || '—'} · {person.sex} ·{' '}
                  {person.dusun} RT {person.rt}/RW {person.rw} · {STATUS_LABELS[person.status]}
                </Message>
              )}
            </div>
          )}

          {kind === 'kelahiran' && (
            <div className="ui-form-grid">
              {input('name', 'Nama bayi')}
              {select('sex', 'Jenis kelamin', [
                ['L', 'Laki-laki'],
                ['P', 'Perempuan'],
              ])}
              {input('place', 'Tempat lahir', 'Rumah sakit, puskesmas, bidan atau rumah')}
              {input('motherNik', 'NIK ibu')}
              {input('fatherNik', 'NIK ayah')}
              {input('nik', 'NIK bayi (jika sudah ada)', 'Kosongkan: bayi diberi nomor sementara')}
            </div>
          )}
          {kind === 'datang' && (
            <div className="ui-form-grid">
              {input('nik', 'NIK')}
              {input('name', 'Nama lengkap')}
              {select('sex', 'Jenis kelamin', [
                ['L', 'Laki-laki'],
                ['P', 'Perempuan'],
              ])}
              {input('birthDate', 'Tanggal lahir', 'Kosongkan: dibaca dari NIK', 'date')}
              {select('nationality', 'Kewarganegaraan', [
                ['WNI', 'WNI'],
                ['WNA', 'WNA'],
              ])}
              {input('religion', 'Agama')}
              {input('place', 'Alamat asal')}
              {input('kkNumber', 'Nomor KK di desa ini', 'Kosongkan bila belum ada')}
              {input('familyRelation', 'Hubungan dalam keluarga')}
              {address}
            </div>
          )}
          {kind === 'datang-kembali' && (
            <div className="ui-form-grid">
              {input('place', 'Alamat asal')}
              {input('kkNumber', 'Nomor KK (jika berubah)')}
              {input('familyRelation', 'Hubungan dalam keluarga (jika berubah)')}
              {address}
            </div>
          )}
          {(kind === 'kematian' || kind === 'pindah-keluar' || kind === 'hilang') && (
            <div className="ui-form-grid">
              {input(
                'place',
                kind === 'pindah-keluar'
                  ? 'Alamat tujuan'
                  : kind === 'kematian'
                    ? 'Tempat meninggal'
                    : 'Terakhir terlihat di',
              )}
              {input('reason', kind === 'kematian' ? 'Sebab kematian' : 'Keterangan')}
            </div>
          )}
          {kind === 'pindah-dalam-desa' && <div className="ui-form-grid">{address}</div>}
          {kind === 'pisah-kk' && (
            <div className="ui-form-grid">
              {input('kkNumber', 'Nomor KK baru / tujuan')}
              {input('familyRelation', 'Hubungan dalam keluarga di KK itu')}
              {input('reason', 'Keterangan', 'Mis. menikah, KK baru')}
            </div>
          )}
          {kind === 'perubahan-data' && (
            <div className="ui-form-grid">
              {select('field', 'Data yang berubah', Object.entries(CHANGEABLE_FIELDS))}
              {input('value', 'Menjadi')}
              {input('reason', 'Bukti / keterangan', 'Ijazah, SK, buku nikah, akta cerai …')}
            </div>
          )}
          {kind === 'ditemukan' && (
            <div className="ui-form-grid">{input('place', 'Ditemukan di')}</div>
          )}
          {kind === 'pembatalan' && (
            <div className="ui-stack">
              <Message tone="warning" testId="mutasi-reversing">
                Membatalkan:{' '}
                {reversing
                  ? `${EVENT_KIND_LABELS[reversing.kind]} ${reversing.subjectName} (${reversing.eventDate})`
                  : '—'}
              </Message>
              {errors.reverses && <Message tone="error">{errors.reverses}</Message>}
              <div className="ui-form-grid">{input('reason', 'Alasan pembatalan')}</div>
            </div>
          )}

          {message && (
            <Message tone={message.tone} testId="mutasi-message">
              {message.text}
            </Message>
          )}
          {needsDocument && (
            <div className="ui-actions">
              <Button
                onClick={() => void startFromEvent(db, needsDocument).then(() => go('dukcapil'))}
              >
                Buat permohonan {shortName(DOCUMENT_FOR_EVENT[needsDocument.kind]!)} ke Dukcapil
              </Button>
            </div>
          )}
          {kind && (
            <div className="ui-actions">
              <Button variant="primary" type="submit">
                Simpan peristiwa
              </Button>
              <Button onClick={() => chooseKind('')}>Batal</Button>
            </div>
          )}
        </form>
      </Card>

      <Card title="Peristiwa terakhir">
        <Table
          testId="mutasi-recent"
          head={
            <>
              <th>Tgl peristiwa</th>
              <th>Tgl lapor</th>
              <th>Peristiwa</th>
              <th>Nama</th>
              <th>NIK</th>
              <th>Petugas</th>
              <th></th>
            </>
          }
        >
          {[...events]
            .reverse()
            .slice(0, 15)
            .map((ev) => (
              <tr key={ev.id}>
                <td>{ev.eventDate}</td>
                <td>{ev.reportDate}</td>
                <td>
                  {EVENT_KIND_LABELS[ev.kind]}
                  {reversedIds.has(ev.id) && (
                    <span className="ui-badge ui-badge--danger"> dibatalkan</span>
                  )}
                </td>
                <td>{ev.subjectName}</td>
                <td>{ev.nik}</td>
                <td>{ev.recordedBy}</td>
                <td>
                  {ev.kind !== 'pembatalan' && !reversedIds.has(ev.id) && (
                    <Button small variant="quiet" onClick={() => reverse(ev)}>
                      Batalkan…
                    </Button>
                  )}
                </td>
              </tr>
            ))}
        </Table>
        {events.length === 0 && <p>Belum ada peristiwa tercatat.</p>}
      </Card>
    </section>
  );
}
