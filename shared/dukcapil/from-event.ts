// From a population event recorded at the desk (shared/population/) to the application for the
// civil document it needs: which document, and the form's data the event and the register
// already hold, so the clerk only adds what the event does not know (witnesses, who helped the
// birth …). The application keeps the event's id, so each shows the other.
import type { PopulationEventDoc, PopulationEventKind } from '../documents/population';
import type { ResidentDoc } from '../documents/resident';
import { isTemporaryNik } from '../nik';
import type { DukcapilDocumentType } from './catalogue';

/** The document an event needs from Dukcapil; events not listed need none. */
export const DOCUMENT_FOR_EVENT: Partial<Record<PopulationEventKind, DukcapilDocumentType>> = {
  kelahiran: 'akta-kelahiran',
  kematian: 'akta-kematian',
  'pindah-keluar': 'skpwni',
  'pisah-kk': 'kk-pisah',
  'perubahan-data': 'kk-perubahan',
};

/** The desk's application form, as the new-application form holds it. */
export interface ApplicationDraft {
  documentType: DukcapilDocumentType;
  subjectName: string;
  subjectNik: string;
  fields: Record<string, string>;
  people: Record<string, { nik: string; name: string }>;
  eventId: string;
}

/**
 * The prefilled application for an event, or null when the event needs no document. `person`
 * finds someone's current record in the register (the parents of a birth, the deceased).
 */
export function draftFromEvent(
  event: PopulationEventDoc,
  person: (nik: string) => ResidentDoc | undefined,
): ApplicationDraft | null {
  const documentType = DOCUMENT_FOR_EVENT[event.kind];
  if (!documentType) return null;
  // A newborn's temporary number is the village's, not a NIK Dukcapil knows.
  const subjectNik = isTemporaryNik(event.nik) ? '' : event.nik;
  const draft: ApplicationDraft = {
    documentType,
    subjectName: event.subjectName,
    subjectNik,
    fields: {},
    people: {},
    eventId: event.id,
  };
  const self = person(event.nik);
  const kk = self?.kkNumber ?? '';
  if (event.kind === 'kelahiran') {
    for (const nik of event.relatedNiks) {
      const parent = person(nik);
      if (parent) draft.people[parent.sex === 'P' ? 'ibu' : 'ayah'] = { nik, name: parent.name };
    }
    draft.fields = {
      namaAnak: event.subjectName,
      jenisKelamin: event.subjectSex === 'P' ? 'Perempuan' : 'Laki-laki',
      tempatLahir: event.place,
      tanggalLahir: event.eventDate,
      nomorKk: kk,
    };
  } else if (event.kind === 'kematian') {
    draft.people.almarhum = { nik: subjectNik, name: event.subjectName };
    draft.fields = {
      tanggalKematian: event.eventDate,
      tempatKematian: event.place,
      sebab: event.reason,
      nomorKk: kk,
    };
  } else if (kk) {
    draft.fields = { nomorKk: kk };
  }
  draft.fields = Object.fromEntries(Object.entries(draft.fields).filter(([, v]) => v !== ''));
  return draft;
}
