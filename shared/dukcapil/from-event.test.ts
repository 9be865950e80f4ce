import { describe, expect, it } from 'vitest';
import type { ResidentDoc } from '../documents/resident';
import { createIdGenerator } from '../ids';
import { EMPTY_EVENT_FORM, recordEvent, type EventContext } from '../population/events';
import { registerView } from '../population/register';
import { applicationErrors } from './application';
import { draftFromEvent } from './from-event';

const VILLAGE = '3510010001';
const KK = '3510010101000001';

function resident(nik: string, name: string, sex: 'L' | 'P', relation: string): ResidentDoc {
  return {
    id: `resident:${nik}`,
    type: 'resident',
    villageCode: VILLAGE,
    kioskId: 'kabupaten',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    nik,
    kkNumber: KK,
    name,
    nameKey: name.toLowerCase(),
    birthPlace: 'Banyuwangi',
    birthDate: '1985-03-12',
    sex,
    religion: 'Islam',
    maritalStatus: 'Kawin',
    familyRelation: relation,
    education: 'SMA',
    occupation: 'Petani',
    nationality: 'WNI',
    dusun: 'Krajan',
    rw: '001',
    rt: '002',
    status: 'living',
    corrects: null,
  };
}

const BUDI = resident('3510010101800001', 'Budi Santoso', 'L', 'Kepala Keluarga');
const SITI = resident('3510015203850002', 'Siti Aminah', 'P', 'Istri');
const ctx = (): EventContext => ({
  author: { villageCode: VILLAGE, kioskId: 'k1', ids: createIdGenerator(VILLAGE, 'k1') },
  recordedBy: 'Operator Satu',
  today: '2026-11-20',
  now: '2026-11-20T03:00:00.000Z',
  temporaryNik: '0351001000110001',
});

describe('an application prefilled from a population event', () => {
  it('takes a birth’s child, parents, date, place and family card; the temporary number stays out', () => {
    const recorded = recordEvent(
      {
        ...EMPTY_EVENT_FORM,
        kind: 'kelahiran',
        eventDate: '2026-11-18',
        reportDate: '2026-11-20',
        name: 'Putri Ayu',
        sex: 'P',
        place: 'Puskesmas Rogojampi',
        motherNik: SITI.nik,
        fatherNik: BUDI.nik,
      },
      registerView([BUDI, SITI]),
      [],
      ctx(),
    );
    if (!recorded.ok) throw new Error(JSON.stringify(recorded.errors));
    const register = registerView([BUDI, SITI, recorded.resident]);
    const draft = draftFromEvent(recorded.event, (nik) => register.byNik(nik));
    expect(draft).toEqual({
      documentType: 'akta-kelahiran',
      subjectName: 'Putri Ayu',
      subjectNik: '',
      fields: {
        namaAnak: 'Putri Ayu',
        jenisKelamin: 'Perempuan',
        tempatLahir: 'Puskesmas Rogojampi',
        tanggalLahir: '2026-11-18',
        nomorKk: KK,
      },
      people: {
        ibu: { nik: SITI.nik, name: 'Siti Aminah' },
        ayah: { nik: BUDI.nik, name: 'Budi Santoso' },
      },
      eventId: recorded.event.id,
    });
    // What the event cannot know is left for the clerk, and the form says so.
    const errors = applicationErrors({
      ...draft!,
      kkNumber: KK,
      subjects: Object.entries(draft!.people).map(([role, p]) => ({ role, ...p })),
    });
    expect(Object.keys(errors).sort()).toEqual([
      'field.penolong',
      'field.tempatDilahirkan',
      'subject.pelapor',
      'subject.saksi1',
      'subject.saksi2',
    ]);
  });

  it('takes a death’s date, place, cause and the deceased; an internal move needs no document', () => {
    const register = registerView([BUDI, SITI]);
    const death = recordEvent(
      {
        ...EMPTY_EVENT_FORM,
        kind: 'kematian',
        eventDate: '2026-11-19',
        reportDate: '2026-11-20',
        nik: BUDI.nik,
        place: 'Rumah',
        reason: 'Sakit',
      },
      register,
      [],
      ctx(),
    );
    if (!death.ok) throw new Error(JSON.stringify(death.errors));
    expect(draftFromEvent(death.event, (nik) => register.byNik(nik))).toMatchObject({
      documentType: 'akta-kematian',
      subjectNik: BUDI.nik,
      fields: {
        tanggalKematian: '2026-11-19',
        tempatKematian: 'Rumah',
        sebab: 'Sakit',
        nomorKk: KK,
      },
      people: { almarhum: { nik: BUDI.nik, name: 'Budi Santoso' } },
    });
    const move = recordEvent(
      {
        ...EMPTY_EVENT_FORM,
        kind: 'pindah-dalam-desa',
        eventDate: '2026-11-19',
        reportDate: '2026-11-20',
        nik: SITI.nik,
        dusun: 'Kidul',
        rw: '003',
        rt: '004',
      },
      register,
      [],
      ctx(),
    );
    if (!move.ok) throw new Error(JSON.stringify(move.errors));
    expect(draftFromEvent(move.event, (nik) => register.byNik(nik))).toBeNull();
  });
});
