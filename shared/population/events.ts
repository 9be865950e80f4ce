// Recording a population event (mutasi penduduk): the form's rules per kind, checked against the
// register, and the documents one event writes — the `population-event` itself and the
// `resident-local` record that is the person after it (a new person, or a correction of their
// current record). Both go in one write, so the register the desk searches reflects the event at
// once. Any rule broken gives a Bahasa message per field and no documents at all.
import type { ResidentDoc } from '../documents/resident';
import {
  type EventChangedField,
  type PopulationEventDoc,
  type PopulationEventKind,
} from '../documents/population';
import { newDocument, type Author } from '../documents/base';
import { isTemporaryNik, parseNik } from '../nik';
import { nameKey } from '../residents/local';
import { isCounted, nationalityOf, type RegisterView } from './register';

/** What staff type; every field is a string, unused ones empty. */
export interface EventForm {
  kind: PopulationEventKind | '';
  /** The person: a resident's NIK, or the new person's (arrival; a birth may leave it empty). */
  nik: string;
  eventDate: string;
  reportDate: string;
  place: string;
  reason: string;
  // A new person (kelahiran, datang)
  name: string;
  sex: string;
  birthDate: string;
  nationality: string;
  religion: string;
  motherNik: string;
  fatherNik: string;
  // Family and address (datang, datang kembali, pindah dalam desa, pisah KK)
  kkNumber: string;
  familyRelation: string;
  dusun: string;
  rw: string;
  rt: string;
  // perubahan-data
  field: string;
  value: string;
  // pembatalan
  reverses: string;
}
export type EventFormErrors = Partial<Record<keyof EventForm, string>>;

export const EMPTY_EVENT_FORM: EventForm = {
  kind: '',
  nik: '',
  eventDate: '',
  reportDate: '',
  place: '',
  reason: '',
  name: '',
  sex: '',
  birthDate: '',
  nationality: 'WNI',
  religion: '',
  motherNik: '',
  fatherNik: '',
  kkNumber: '',
  familyRelation: '',
  dusun: '',
  rw: '',
  rt: '',
  field: '',
  value: '',
  reverses: '',
};

export const EVENT_KIND_LABELS: Record<PopulationEventKind, string> = {
  kelahiran: 'Kelahiran',
  kematian: 'Kematian',
  'pindah-keluar': 'Pindah keluar',
  datang: 'Datang',
  'datang-kembali': 'Datang kembali',
  'pindah-dalam-desa': 'Pindah antar-RT/dusun',
  'pisah-kk': 'Pisah KK / KK baru',
  'perubahan-data': 'Perubahan data',
  hilang: 'Hilang',
  ditemukan: 'Ditemukan',
  pembatalan: 'Pembatalan peristiwa',
};

/** The elements a `perubahan-data` event may change, with their labels. */
export const CHANGEABLE_FIELDS = {
  education: 'Pendidikan',
  occupation: 'Pekerjaan',
  maritalStatus: 'Status perkawinan',
} as const satisfies Partial<Record<EventChangedField, string>>;

export interface EventContext {
  author: Author;
  /** The signed-in staff member's name. */
  recordedBy: string;
  /** The kiosk's calendar day, YYYY-MM-DD. */
  today: string;
  /** The moment of writing, ISO. */
  now: string;
  /** A free temporary number, for a newborn without a NIK yet. */
  temporaryNik: string;
}

export type EventResult =
  | { ok: true; event: PopulationEventDoc; resident: ResidentDoc }
  | { ok: false; errors: EventFormErrors };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string) => DATE.test(v) && !Number.isNaN(Date.parse(v));
const clean = (v: string) => v.trim().replace(/\s+/g, ' ');
const digits = (v: string) => v.replace(/\s+/g, '');

const STATUS_WORDS: Record<ResidentDoc['status'], string> = {
  living: 'tinggal di desa',
  moved: 'sudah pindah keluar',
  deceased: 'sudah meninggal',
  missing: 'tercatat hilang',
  void: 'dibatalkan',
};

/** What one kind requires of the person it is about, in the register. */
const SUBJECT_STATUS: Partial<Record<PopulationEventKind, ResidentDoc['status']>> = {
  kematian: 'living',
  'pindah-keluar': 'living',
  'pindah-dalam-desa': 'living',
  'pisah-kk': 'living',
  'perubahan-data': 'living',
  hilang: 'living',
  'datang-kembali': 'moved',
  ditemukan: 'missing',
};

function othersCounted(register: RegisterView, kk: string, nik: string): number {
  return register.family(kk).filter((m) => m.nik !== nik && isCounted(m)).length;
}

/** −1 when the person was the last counted member of their family card. */
function leaving(register: RegisterView, person: ResidentDoc): number {
  return person.kkNumber && othersCounted(register, person.kkNumber, person.nik) === 0 ? -1 : 0;
}

/** +1 when the person joins a family card with no counted member. */
function joining(register: RegisterView, kk: string, nik: string): number {
  return kk && othersCounted(register, kk, nik) === 0 ? 1 : 0;
}

function checkDates(form: EventForm, today: string, errors: EventFormErrors): void {
  if (!isDate(form.eventDate)) errors.eventDate = 'Tanggal peristiwa harus TTTT-BB-HH.';
  else if (form.eventDate > today)
    errors.eventDate = 'Tanggal peristiwa tidak boleh sesudah hari ini.';
  if (!isDate(form.reportDate)) errors.reportDate = 'Tanggal lapor harus TTTT-BB-HH.';
  else if (form.reportDate > today)
    errors.reportDate = 'Tanggal lapor tidak boleh sesudah hari ini.';
  else if (!errors.eventDate && form.reportDate < form.eventDate)
    errors.reportDate = 'Tanggal lapor tidak boleh sebelum tanggal peristiwa.';
}

/** A 16-digit KK number, not starting with 0; `required` when empty is not allowed. */
function kkError(kk: string, required: boolean): string | null {
  if (!kk) return required ? 'Nomor KK wajib diisi.' : null;
  return /^[1-9]\d{15}$/.test(kk) ? null : 'Nomor KK harus 16 angka, tidak diawali 0.';
}

function addressErrors(form: EventForm, errors: EventFormErrors): void {
  if (!clean(form.dusun)) errors.dusun = 'Dusun wajib diisi.';
  if (!/^\d{1,3}$/.test(form.rw.trim())) errors.rw = 'RW berupa angka (1–3 angka).';
  if (!/^\d{1,3}$/.test(form.rt.trim())) errors.rt = 'RT berupa angka (1–3 angka).';
}

function correction(
  current: ResidentDoc,
  changes: Partial<Pick<ResidentDoc, EventChangedField>>,
  ctx: EventContext,
): { resident: ResidentDoc; changes: PopulationEventDoc['changes'] } {
  const resident: ResidentDoc = {
    ...current,
    ...newDocument('resident-local', ctx.author, ctx.now),
    ...changes,
    corrects: current.id,
  };
  const list = (Object.keys(changes) as EventChangedField[])
    .filter((f) => current[f] !== resident[f])
    .map((f) => ({ field: f, from: String(current[f]), to: String(resident[f]) }));
  return { resident, changes: list };
}

function eventDoc(
  form: EventForm,
  ctx: EventContext,
  person: ResidentDoc,
  fields: Pick<
    PopulationEventDoc,
    'residentId' | 'changes' | 'populationDelta' | 'familiesDelta' | 'relatedNiks' | 'reverses'
  > &
    Partial<Pick<PopulationEventDoc, 'eventDate' | 'kind'>>,
): PopulationEventDoc {
  return {
    ...newDocument('population-event', ctx.author, ctx.now),
    kind: form.kind as PopulationEventKind,
    eventDate: form.eventDate,
    reportDate: form.reportDate,
    nik: person.nik,
    nameKey: '',
    kkNumber: '',
    subjectName: person.name,
    subjectSex: person.sex,
    subjectNationality: nationalityOf(person),
    resultId: person.id,
    place: clean(form.place).slice(0, 200),
    reason: clean(form.reason).slice(0, 300),
    recordedBy: ctx.recordedBy,
    ...fields,
  };
}

/**
 * The documents one event writes, or the messages saying why it cannot be recorded. `register`
 * must hold the current records of every NIK the form names and of their family cards.
 */
export function recordEvent(
  input: EventForm,
  register: RegisterView,
  events: readonly PopulationEventDoc[],
  ctx: EventContext,
): EventResult {
  const form: EventForm = { ...input, nik: digits(input.nik), kkNumber: digits(input.kkNumber) };
  const errors: EventFormErrors = {};
  if (!form.kind) return { ok: false, errors: { kind: 'Pilih jenis peristiwa.' } };
  if (form.kind === 'pembatalan') return reversal(form, register, events, ctx);
  checkDates(form, ctx.today, errors);

  if (form.kind === 'kelahiran') return birth(form, register, ctx, errors);
  if (form.kind === 'datang') return arrival(form, register, ctx, errors);

  const subject = form.nik ? register.byNik(form.nik) : undefined;
  const required = SUBJECT_STATUS[form.kind]!;
  if (!form.nik) errors.nik = 'Pilih penduduk yang dilaporkan.';
  else if (!subject || subject.status === 'void')
    errors.nik = `NIK ${form.nik} tidak ada dalam data penduduk desa.`;
  else if (subject.status !== required)
    errors.nik =
      form.kind === 'datang-kembali'
        ? `${subject.name} tidak tercatat pindah keluar (${STATUS_WORDS[subject.status]}); datang kembali hanya untuk penduduk yang pernah pindah.`
        : form.kind === 'ditemukan'
          ? `${subject.name} tidak tercatat hilang.`
          : `${subject.name} ${STATUS_WORDS[subject.status]}; peristiwa ini tidak dapat dicatat.`;
  if (subject?.birthDate && !errors.eventDate && form.eventDate < subject.birthDate)
    errors.eventDate = `Tanggal peristiwa sebelum tanggal lahir ${subject.name} (${subject.birthDate}).`;

  let made: ReturnType<typeof correction> | null = null;
  let familiesDelta = 0;
  let populationDelta = 0;
  if (subject) {
    switch (form.kind) {
      case 'kematian':
      case 'pindah-keluar':
      case 'hilang': {
        if (form.kind === 'pindah-keluar' && !clean(form.place))
          errors.place = 'Alamat tujuan pindah wajib diisi.';
        const status =
          form.kind === 'kematian' ? 'deceased' : form.kind === 'hilang' ? 'missing' : 'moved';
        made = correction(subject, { status }, ctx);
        populationDelta = -1;
        familiesDelta = leaving(register, subject);
        break;
      }
      case 'datang-kembali':
      case 'ditemukan': {
        const changes: Partial<ResidentDoc> = { status: 'living' };
        if (form.kind === 'datang-kembali') {
          if (!clean(form.place)) errors.place = 'Alamat asal wajib diisi.';
          const kkErr = kkError(form.kkNumber, false);
          if (kkErr) errors.kkNumber = kkErr;
          if (form.kkNumber) changes.kkNumber = form.kkNumber;
          if (clean(form.familyRelation)) changes.familyRelation = clean(form.familyRelation);
          if (clean(form.dusun) || form.rw.trim() || form.rt.trim()) {
            addressErrors(form, errors);
            Object.assign(changes, {
              dusun: clean(form.dusun),
              rw: form.rw.trim(),
              rt: form.rt.trim(),
            });
          }
        }
        made = correction(subject, changes, ctx);
        populationDelta = 1;
        familiesDelta = joining(register, made.resident.kkNumber, subject.nik);
        break;
      }
      case 'pindah-dalam-desa': {
        addressErrors(form, errors);
        const to = { dusun: clean(form.dusun), rw: form.rw.trim(), rt: form.rt.trim() };
        if (to.dusun === subject.dusun && to.rw === subject.rw && to.rt === subject.rt)
          errors.dusun = 'Alamat baru sama dengan alamat sekarang.';
        made = correction(subject, to, ctx);
        break;
      }
      case 'pisah-kk': {
        const kkErr = kkError(form.kkNumber, true);
        if (kkErr) errors.kkNumber = kkErr;
        else if (form.kkNumber === subject.kkNumber)
          errors.kkNumber = 'Nomor KK baru sama dengan nomor KK sekarang.';
        if (!clean(form.familyRelation))
          errors.familyRelation = 'Hubungan dalam keluarga pada KK baru wajib diisi.';
        made = correction(
          subject,
          { kkNumber: form.kkNumber, familyRelation: clean(form.familyRelation) },
          ctx,
        );
        familiesDelta = Math.max(
          -1,
          Math.min(1, leaving(register, subject) + joining(register, form.kkNumber, subject.nik)),
        );
        break;
      }
      case 'perubahan-data': {
        const field = form.field as keyof typeof CHANGEABLE_FIELDS;
        if (!(field in CHANGEABLE_FIELDS)) {
          errors.field = 'Pilih data yang berubah (pendidikan, pekerjaan atau status perkawinan).';
          break;
        }
        const value = clean(form.value);
        if (!value) errors.value = `${CHANGEABLE_FIELDS[field]} yang baru wajib diisi.`;
        else if (value.length > 80) errors.value = 'Terlalu panjang (maks. 80 huruf).';
        else if (value.toLowerCase() === subject[field].toLowerCase())
          errors.value = `${CHANGEABLE_FIELDS[field]} sudah "${subject[field]}".`;
        made = correction(subject, { [field]: value }, ctx);
        break;
      }
    }
  }
  if (Object.keys(errors).length || !subject || !made) return { ok: false, errors };
  return {
    ok: true,
    resident: made.resident,
    event: eventDoc(form, ctx, made.resident, {
      residentId: subject.id,
      changes: made.changes,
      populationDelta,
      familiesDelta,
      relatedNiks: [],
      reverses: null,
    }),
  };
}

function birth(
  form: EventForm,
  register: RegisterView,
  ctx: EventContext,
  errors: EventFormErrors,
): EventResult {
  const name = clean(form.name);
  if (!name) errors.name = 'Nama bayi wajib diisi.';
  else if (name.length > 120) errors.name = 'Nama terlalu panjang (maks. 120 huruf).';
  if (form.sex !== 'L' && form.sex !== 'P') errors.sex = 'Pilih jenis kelamin (L/P).';
  if (!clean(form.place)) errors.place = 'Tempat lahir wajib diisi.';
  const nik = form.nik || ctx.temporaryNik;
  if (form.nik) {
    const parsed = parseNik(form.nik);
    if (!parsed.ok && !isTemporaryNik(form.nik)) errors.nik = parsed.message;
    else if (register.byNik(form.nik) && register.byNik(form.nik)!.status !== 'void')
      errors.nik = `NIK ${form.nik} sudah dipakai ${register.byNik(form.nik)!.name}.`;
  }
  const parentNiks = [digits(form.motherNik), digits(form.fatherNik)];
  const parents = parentNiks.map((n) => (n ? register.byNik(n) : undefined));
  parentNiks.forEach((n, i) => {
    const key = i === 0 ? 'motherNik' : 'fatherNik';
    if (n && !parents[i]) errors[key] = `NIK ${n} tidak ada dalam data penduduk desa.`;
  });
  const parent = parents.find((p) => p && isCounted(p));
  if (!parent && !errors.motherNik && !errors.fatherNik)
    errors.motherNik = parentNiks.some(Boolean)
      ? 'Ibu atau ayah bayi harus penduduk yang tinggal di desa ini.'
      : 'Isi NIK ibu atau ayah: bayi dicatat pada KK orang tuanya di desa ini.';
  if (Object.keys(errors).length || !parent) return { ok: false, errors };
  const prior = register.byNik(nik);
  const child: ResidentDoc = {
    ...newDocument('resident-local', ctx.author, ctx.now),
    nik,
    kkNumber: parent.kkNumber,
    name,
    nameKey: nameKey(name),
    birthPlace: clean(form.place).slice(0, 80),
    birthDate: form.eventDate,
    sex: form.sex as 'L' | 'P',
    religion: parent.religion,
    maritalStatus: 'Belum Kawin',
    familyRelation: 'Anak',
    education: '',
    occupation: '',
    nationality: nationalityOf(parent),
    dusun: parent.dusun,
    rw: parent.rw,
    rt: parent.rt,
    status: 'living',
    corrects: prior?.id ?? null,
  };
  return {
    ok: true,
    resident: child,
    event: eventDoc(form, ctx, child, {
      residentId: null,
      changes: [],
      populationDelta: 1,
      familiesDelta: joining(register, child.kkNumber, nik),
      relatedNiks: parentNiks.filter(Boolean),
      reverses: null,
    }),
  };
}

function arrival(
  form: EventForm,
  register: RegisterView,
  ctx: EventContext,
  errors: EventFormErrors,
): EventResult {
  const parsed = parseNik(form.nik);
  const prior = form.nik ? register.byNik(form.nik) : undefined;
  if (!form.nik) errors.nik = 'NIK pendatang wajib diisi (dari SKPWNI atau KTP-el).';
  else if (!parsed.ok) errors.nik = parsed.message;
  else if (prior && prior.status === 'moved')
    errors.nik = `${prior.name} pernah pindah dari desa ini: catat sebagai Datang kembali.`;
  else if (prior && prior.status !== 'void')
    errors.nik = `NIK ${form.nik} sudah tercatat: ${prior.name} (${STATUS_WORDS[prior.status]}).`;
  const name = clean(form.name);
  if (!name) errors.name = 'Nama wajib diisi.';
  else if (name.length > 120) errors.name = 'Nama terlalu panjang (maks. 120 huruf).';
  if (form.sex !== 'L' && form.sex !== 'P') errors.sex = 'Pilih jenis kelamin (L/P).';
  if (form.birthDate && !isDate(form.birthDate))
    errors.birthDate = 'Tanggal lahir harus TTTT-BB-HH.';
  else if (form.birthDate > ctx.today)
    errors.birthDate = 'Tanggal lahir tidak boleh sesudah hari ini.';
  if (form.nationality !== 'WNI' && form.nationality !== 'WNA')
    errors.nationality = 'Pilih kewarganegaraan (WNI/WNA).';
  if (!clean(form.place)) errors.place = 'Alamat asal wajib diisi.';
  const kkErr = kkError(form.kkNumber, false);
  if (kkErr) errors.kkNumber = kkErr;
  addressErrors(form, errors);
  if (Object.keys(errors).length) return { ok: false, errors };
  const person: ResidentDoc = {
    ...newDocument('resident-local', ctx.author, ctx.now),
    nik: form.nik,
    kkNumber: form.kkNumber,
    name,
    nameKey: nameKey(name),
    birthPlace: '',
    birthDate: form.birthDate || (parsed.ok ? parsed.birthDate : null),
    sex: form.sex as 'L' | 'P',
    religion: clean(form.religion).slice(0, 40),
    maritalStatus: '',
    familyRelation: clean(form.familyRelation).slice(0, 40),
    education: '',
    occupation: '',
    nationality: form.nationality,
    dusun: clean(form.dusun),
    rw: form.rw.trim(),
    rt: form.rt.trim(),
    status: 'living',
    corrects: prior?.id ?? null,
  };
  return {
    ok: true,
    resident: person,
    event: eventDoc(form, ctx, person, {
      residentId: null,
      changes: [],
      populationDelta: 1,
      familiesDelta: joining(register, person.kkNumber, person.nik),
      relatedNiks: [],
      reverses: null,
    }),
  };
}

/**
 * Undo an event recorded by mistake: the person's record goes back to what it was before (a
 * person the event brought in becomes `void`), and the counts move back. Only a person's latest
 * event still standing can be reversed (later ones reversed first), so what is restored is what
 * the register held before it.
 */
function reversal(
  form: EventForm,
  register: RegisterView,
  events: readonly PopulationEventDoc[],
  ctx: EventContext,
): EventResult {
  const errors: EventFormErrors = {};
  const reversed = new Set(events.map((e) => e.reverses).filter(Boolean));
  const original = form.reverses ? events.find((e) => e.id === form.reverses) : undefined;
  const standingAfter = original
    ? events.filter(
        (e) =>
          e.nik === original.nik &&
          e.createdAt > original.createdAt &&
          e.kind !== 'pembatalan' &&
          !reversed.has(e.id),
      )
    : [];
  if (!original) errors.reverses = 'Pilih peristiwa yang dibatalkan.';
  else if (original.kind === 'pembatalan')
    errors.reverses = 'Pembatalan tidak dapat dibatalkan; catat peristiwanya lagi.';
  else if (reversed.has(original.id)) errors.reverses = 'Peristiwa ini sudah dibatalkan.';
  else if (standingAfter.length)
    errors.reverses = `Sesudah peristiwa ini ${original.subjectName} tercatat ${EVENT_KIND_LABELS[standingAfter[0]!.kind].toLowerCase()}; batalkan dulu peristiwa yang terakhir.`;
  if (!clean(form.reason)) errors.reason = 'Alasan pembatalan wajib diisi.';
  if (!isDate(form.reportDate)) errors.reportDate = 'Tanggal lapor harus TTTT-BB-HH.';
  else if (form.reportDate > ctx.today)
    errors.reportDate = 'Tanggal lapor tidak boleh sesudah hari ini.';
  const current = original ? register.byNik(original.nik) : undefined;
  if (original && !current && !errors.reverses)
    errors.reverses = `${original.subjectName} tidak ada dalam data penduduk desa.`;
  if (Object.keys(errors).length || !original || !current) return { ok: false, errors };
  const restore: Partial<Pick<ResidentDoc, EventChangedField>> =
    original.residentId === null
      ? { status: 'void' }
      : Object.fromEntries(original.changes.map((c) => [c.field, c.from]));
  const made = correction(current, restore, ctx);
  return {
    ok: true,
    resident: made.resident,
    event: eventDoc({ ...form, eventDate: original.eventDate }, ctx, made.resident, {
      residentId: current.id,
      changes: made.changes,
      populationDelta: -original.populationDelta,
      familiesDelta: -original.familiesDelta,
      relatedNiks: [],
      reverses: original.id,
      // The reversal undoes what happened then: it belongs to the original's event date.
      eventDate: original.eventDate,
    }),
  };
}
