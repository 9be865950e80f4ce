import { describe, expect, it } from 'vitest';
import type { PopulationEventDoc } from '../documents/population';
import { populationEventDocSchema } from '../documents/population';
import type { ResidentDoc } from '../documents/resident';
import { residentDocSchema } from '../documents/resident';
import { createIdGenerator } from '../ids';
import { EMPTY_EVENT_FORM, recordEvent, type EventContext, type EventForm } from './events';
import { countRegister, currentRecords, registerView } from './register';

const VILLAGE = '3510010001';
const TODAY = '2026-11-20';
let clock = Date.UTC(2026, 10, 20, 3);

function ctx(): EventContext {
  clock += 1000;
  return {
    author: {
      villageCode: VILLAGE,
      kioskId: 'k1',
      ids: createIdGenerator(VILLAGE, 'k1', () => clock),
    },
    recordedBy: 'Operator Satu',
    today: TODAY,
    now: new Date(clock).toISOString(),
    temporaryNik: '0351001000110001',
  };
}

function resident(over: Partial<ResidentDoc>): ResidentDoc {
  return {
    id: `resident:${over.nik}`,
    type: 'resident',
    villageCode: VILLAGE,
    kioskId: 'kabupaten',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    nik: '3510010101800001',
    kkNumber: '3510010101000001',
    name: 'Budi Santoso',
    nameKey: 'budi santoso',
    birthPlace: 'Banyuwangi',
    birthDate: '1980-01-01',
    sex: 'L',
    religion: 'Islam',
    maritalStatus: 'Kawin',
    familyRelation: 'Kepala Keluarga',
    education: 'SMA',
    occupation: 'Petani',
    nationality: 'WNI',
    dusun: 'Krajan',
    rw: '001',
    rt: '002',
    status: 'living',
    corrects: null,
    ...over,
  };
}

const BUDI = resident({});
const SITI = resident({
  nik: '3510015203850002',
  name: 'Siti Aminah',
  nameKey: 'siti aminah',
  sex: 'P',
  birthDate: '1985-03-12',
  familyRelation: 'Istri',
});
const ALONE = resident({
  nik: '3510011010700003',
  kkNumber: '3510010101000009',
  name: 'Joko Lajang',
  nameKey: 'joko lajang',
});
const GONE = resident({
  nik: '3510011111750004',
  kkNumber: '3510010101000007',
  name: 'Agus Pergi',
  nameKey: 'agus pergi',
  status: 'moved',
});

function world(docs: ResidentDoc[] = [BUDI, SITI, ALONE, GONE]) {
  const events: PopulationEventDoc[] = [];
  const store = [...docs];
  return {
    store,
    events,
    record(form: Partial<EventForm>) {
      const result = recordEvent(
        { ...EMPTY_EVENT_FORM, eventDate: '2026-11-10', reportDate: '2026-11-12', ...form },
        registerView(store),
        events,
        ctx(),
      );
      if (result.ok) {
        store.push(result.resident);
        events.push(result.event);
      }
      return result;
    },
    current: (nik: string) => currentRecords(store).find((d) => d.nik === nik),
  };
}

function ok(result: ReturnType<ReturnType<typeof world>['record']>) {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(populationEventDocSchema.parse(result.event)).toEqual(result.event);
  expect(residentDocSchema.parse(result.resident)).toEqual(result.resident);
  return result;
}

describe('recording population events', () => {
  it('a birth adds the child to a living parent’s family, with a temporary number', () => {
    const w = world();
    const r = ok(
      w.record({
        kind: 'kelahiran',
        name: 'Putri Kecil',
        sex: 'P',
        place: 'Puskesmas',
        motherNik: SITI.nik,
      }),
    );
    expect(r.resident).toMatchObject({
      nik: '0351001000110001',
      kkNumber: SITI.kkNumber,
      birthDate: '2026-11-10',
      familyRelation: 'Anak',
      dusun: 'Krajan',
      status: 'living',
      type: 'resident-local',
    });
    expect(r.event).toMatchObject({
      kind: 'kelahiran',
      populationDelta: 1,
      familiesDelta: 0,
      residentId: null,
    });
    expect(r.event.relatedNiks).toEqual([SITI.nik]);
    expect(r.event.resultId).toBe(r.resident.id);
  });

  it('a birth with no parent in the village is refused', () => {
    const w = world();
    expect(w.record({ kind: 'kelahiran', name: 'Bayi', sex: 'L', place: 'RS' })).toEqual({
      ok: false,
      errors: { motherNik: expect.stringContaining('NIK ibu atau ayah') },
    });
    const unknown = w.record({
      kind: 'kelahiran',
      name: 'Bayi',
      sex: 'L',
      place: 'RS',
      fatherNik: '3510010101990009',
    });
    expect(!unknown.ok && unknown.errors.fatherNik).toMatch(/tidak ada dalam data penduduk/);
    const movedFather = w.record({
      kind: 'kelahiran',
      name: 'Bayi',
      sex: 'L',
      place: 'RS',
      fatherNik: GONE.nik,
    });
    expect(!movedFather.ok && movedFather.errors.motherNik).toMatch(/tinggal di desa ini/);
    expect(w.events).toHaveLength(0);
  });

  it('a birth with a NIK already in use is refused', () => {
    const w = world();
    const r = w.record({
      kind: 'kelahiran',
      name: 'Bayi',
      sex: 'L',
      place: 'RS',
      nik: BUDI.nik,
      fatherNik: BUDI.nik,
    });
    expect(!r.ok && r.errors.nik).toMatch(/sudah dipakai Budi Santoso/);
  });

  it('a death marks the resident deceased; the last member of a family takes the family away', () => {
    const w = world();
    const r = ok(w.record({ kind: 'kematian', nik: BUDI.nik, place: 'Rumah' }));
    expect(r.resident).toMatchObject({ status: 'deceased', corrects: BUDI.id, nik: BUDI.nik });
    expect(r.event).toMatchObject({ populationDelta: -1, familiesDelta: 0, residentId: BUDI.id });
    expect(r.event.changes).toEqual([{ field: 'status', from: 'living', to: 'deceased' }]);
    expect(w.current(BUDI.nik)?.status).toBe('deceased');
    const alone = ok(w.record({ kind: 'kematian', nik: ALONE.nik }));
    expect(alone.event.familiesDelta).toBe(-1);
  });

  it('a death of someone not in the register, or already dead, is refused', () => {
    const w = world();
    const r = w.record({ kind: 'kematian', nik: '3510010101990009' });
    expect(!r.ok && r.errors.nik).toBe('NIK 3510010101990009 tidak ada dalam data penduduk desa.');
    ok(w.record({ kind: 'kematian', nik: BUDI.nik }));
    const again = w.record({ kind: 'kematian', nik: BUDI.nik });
    expect(!again.ok && again.errors.nik).toMatch(/sudah meninggal/);
    expect(w.events).toHaveLength(1);
  });

  it('an event dated in the future, or reported before it happened, is refused', () => {
    const w = world();
    const future = w.record({
      kind: 'kematian',
      nik: BUDI.nik,
      eventDate: '2026-11-21',
      reportDate: '2026-11-21',
    });
    expect(!future.ok && future.errors).toEqual({
      eventDate: 'Tanggal peristiwa tidak boleh sesudah hari ini.',
      reportDate: 'Tanggal lapor tidak boleh sesudah hari ini.',
    });
    const early = w.record({
      kind: 'kematian',
      nik: BUDI.nik,
      eventDate: '2026-11-10',
      reportDate: '2026-11-09',
    });
    expect(!early.ok && early.errors.reportDate).toMatch(/sebelum tanggal peristiwa/);
    const beforeBirth = w.record({
      kind: 'kematian',
      nik: BUDI.nik,
      eventDate: '1979-01-01',
      reportDate: '2026-11-01',
    });
    expect(!beforeBirth.ok && beforeBirth.errors.eventDate).toMatch(/sebelum tanggal lahir/);
    expect(w.events).toHaveLength(0);
  });

  it('moving out needs a destination and counts as a departure', () => {
    const w = world();
    const r = w.record({ kind: 'pindah-keluar', nik: SITI.nik });
    expect(!r.ok && r.errors.place).toMatch(/tujuan/);
    const moved = ok(w.record({ kind: 'pindah-keluar', nik: SITI.nik, place: 'Surabaya' }));
    expect(moved.event).toMatchObject({ populationDelta: -1, place: 'Surabaya' });
    expect(w.current(SITI.nik)?.status).toBe('moved');
  });

  it('an arrival whose NIK is already a resident is refused; one who moved out returns as datang kembali', () => {
    const w = world();
    const base = { name: 'X', sex: 'L', place: 'Jember', dusun: 'Krajan', rw: '1', rt: '2' };
    const dup = w.record({ kind: 'datang', nik: BUDI.nik, ...base });
    expect(!dup.ok && dup.errors.nik).toMatch(/sudah tercatat: Budi Santoso/);
    const back = w.record({ kind: 'datang', nik: GONE.nik, ...base });
    expect(!back.ok && back.errors.nik).toMatch(/Datang kembali/);
    const bad = w.record({ kind: 'datang', nik: '123', ...base });
    expect(!bad.ok && bad.errors.nik).toMatch(/16 angka/);
    const notMoved = w.record({ kind: 'datang-kembali', nik: BUDI.nik, place: 'Jember' });
    expect(!notMoved.ok && notMoved.errors.nik).toMatch(/tidak tercatat pindah keluar/);
    const returned = ok(w.record({ kind: 'datang-kembali', nik: GONE.nik, place: 'Jember' }));
    expect(returned.event).toMatchObject({ populationDelta: 1, familiesDelta: 1 });
    expect(w.current(GONE.nik)?.status).toBe('living');
  });

  it('an arrival brings a new person into a new family', () => {
    const w = world();
    const r = ok(
      w.record({
        kind: 'datang',
        nik: '3509014407900005',
        name: 'Wulan Sari',
        sex: 'P',
        nationality: 'WNI',
        place: 'Jember',
        kkNumber: '3509010101000001',
        familyRelation: 'Kepala Keluarga',
        dusun: 'Krajan',
        rw: '1',
        rt: '3',
      }),
    );
    expect(r.resident).toMatchObject({
      birthDate: '1990-07-04',
      status: 'living',
      nameKey: 'wulan sari',
    });
    expect(r.event).toMatchObject({ populationDelta: 1, familiesDelta: 1, subjectSex: 'P' });
  });

  it('an internal move and a KK split change the record but are not departures', () => {
    const w = world();
    const same = w.record({
      kind: 'pindah-dalam-desa',
      nik: SITI.nik,
      dusun: 'Krajan',
      rw: '001',
      rt: '002',
    });
    expect(!same.ok && same.errors.dusun).toMatch(/sama dengan alamat sekarang/);
    const move = ok(
      w.record({
        kind: 'pindah-dalam-desa',
        nik: SITI.nik,
        dusun: 'Sumberejo',
        rw: '003',
        rt: '001',
      }),
    );
    expect(move.event).toMatchObject({ populationDelta: 0, familiesDelta: 0 });
    expect(move.event.changes.map((c) => c.field)).toEqual(['dusun', 'rw', 'rt']);
    const split = ok(
      w.record({
        kind: 'pisah-kk',
        nik: SITI.nik,
        kkNumber: '3510010101000100',
        familyRelation: 'Kepala Keluarga',
      }),
    );
    expect(split.event).toMatchObject({ populationDelta: 0, familiesDelta: 1 });
    expect(w.current(SITI.nik)).toMatchObject({
      kkNumber: '3510010101000100',
      dusun: 'Sumberejo',
      status: 'living',
    });
    const sameKk = w.record({
      kind: 'pisah-kk',
      nik: SITI.nik,
      kkNumber: '3510010101000100',
      familyRelation: 'Istri',
    });
    expect(!sameKk.ok && sameKk.errors.kkNumber).toMatch(/sama dengan nomor KK sekarang/);
  });

  it('a change of data names the element and its new value', () => {
    const w = world();
    const none = w.record({ kind: 'perubahan-data', nik: BUDI.nik, field: 'religion', value: 'X' });
    expect(!none.ok && none.errors.field).toMatch(/Pilih data yang berubah/);
    const same = w.record({
      kind: 'perubahan-data',
      nik: BUDI.nik,
      field: 'occupation',
      value: 'petani',
    });
    expect(!same.ok && same.errors.value).toMatch(/sudah "Petani"/);
    const r = ok(
      w.record({ kind: 'perubahan-data', nik: BUDI.nik, field: 'education', value: 'S1' }),
    );
    expect(r.event.changes).toEqual([{ field: 'education', from: 'SMA', to: 'S1' }]);
  });

  it('missing and found take a resident out of the count and back', () => {
    const w = world();
    const notMissing = w.record({ kind: 'ditemukan', nik: BUDI.nik });
    expect(!notMissing.ok && notMissing.errors.nik).toMatch(/tidak tercatat hilang/);
    expect(ok(w.record({ kind: 'hilang', nik: ALONE.nik })).event).toMatchObject({
      populationDelta: -1,
      familiesDelta: -1,
    });
    expect(w.current(ALONE.nik)?.status).toBe('missing');
    expect(ok(w.record({ kind: 'ditemukan', nik: ALONE.nik })).event).toMatchObject({
      populationDelta: 1,
      familiesDelta: 1,
    });
  });

  it('a reversal restores the record and the counts; only the latest event of a person', () => {
    const w = world();
    const before = countRegister(currentRecords(w.store));
    const move = ok(
      w.record({ kind: 'pindah-dalam-desa', nik: BUDI.nik, dusun: 'Sumberejo', rw: '3', rt: '1' }),
    );
    const death = ok(w.record({ kind: 'kematian', nik: BUDI.nik }));
    const tooEarly = w.record({ kind: 'pembatalan', reverses: move.event.id, reason: 'salah' });
    expect(!tooEarly.ok && tooEarly.errors.reverses).toMatch(
      /batalkan dulu peristiwa yang terakhir/,
    );
    const noReason = w.record({ kind: 'pembatalan', reverses: death.event.id });
    expect(!noReason.ok && noReason.errors.reason).toMatch(/Alasan/);
    const undo = ok(
      w.record({ kind: 'pembatalan', reverses: death.event.id, reason: 'Salah orang' }),
    );
    expect(undo.event).toMatchObject({
      reverses: death.event.id,
      populationDelta: 1,
      eventDate: death.event.eventDate,
    });
    expect(w.current(BUDI.nik)).toMatchObject({ status: 'living', dusun: 'Sumberejo' });
    const twice = w.record({ kind: 'pembatalan', reverses: death.event.id, reason: 'lagi' });
    expect(!twice.ok && twice.errors.reverses).toMatch(/sudah dibatalkan/);
    const ofReversal = w.record({ kind: 'pembatalan', reverses: undo.event.id, reason: 'x' });
    expect(!ofReversal.ok && ofReversal.errors.reverses).toMatch(/tidak dapat dibatalkan/);
    ok(w.record({ kind: 'pembatalan', reverses: move.event.id, reason: 'Salah alamat' }));
    expect(w.current(BUDI.nik)).toMatchObject({
      status: 'living',
      dusun: 'Krajan',
      rw: '001',
      rt: '002',
    });
    expect(countRegister(currentRecords(w.store))).toEqual(before);
  });

  it('reversing a birth voids the child', () => {
    const w = world();
    const birth = ok(
      w.record({ kind: 'kelahiran', name: 'Bayi', sex: 'L', place: 'RS', fatherNik: BUDI.nik }),
    );
    const undo = ok(
      w.record({ kind: 'pembatalan', reverses: birth.event.id, reason: 'Dicatat dua kali' }),
    );
    expect(undo.event.populationDelta).toBe(-1);
    expect(w.current(birth.resident.nik)?.status).toBe('void');
  });

  it('no kind, no write', () => {
    expect(world().record({})).toEqual({ ok: false, errors: { kind: 'Pilih jenis peristiwa.' } });
  });
});
