// Every synced document carries a `type`. Who may write each type is the heart of the
// conflict-free design (docs/PRINCIPLES.md §6): one writer per document. The kiosk uses this table to
// decide what to push; the regency database's validate_doc_update is generated from it.

export const VILLAGE_DOC_TYPES = [
  'request', // service requests taken at the desk
  'letter', // issued letters (surat keluar)
  'budget', // APBDes budget lines
  'ledger', // realisation entries (append-only)
  'resident-local', // residents added or corrected at the village
  'queue', // walk-in queue tickets
  'sync-report', // per-kiosk sync telemetry for the regency
  'proposal', // usulan from a hamlet meeting (musdus)
  'musdes', // the village meeting: scores, ranking, decision, attendance
  'rkp-kegiatan', // an RKPDes kegiatan from an accepted proposal (a project once funded)
  'progress-report', // a project's progress report (append-only)
  'photo', // photos (JPEG in the document), synced in their own lane after the text
  'dukcapil-application', // an application to the regency's Dukcapil (akta, KK, SKPWNI, KTP-el, KIA)
  'village-office', // the office's address, contacts and signing officials (newest one current)
  'population-event', // a population event (mutasi penduduk), written once
  'population-report', // a closed monthly population report (laporan bulanan), written once
  'spp', // a payment request (SPP) and its stages, each by its own role
  'year-closing', // a closed fiscal year (tutup buku), written once
  'anjungan-log', // what a resident did at the anjungan mandiri, written once
] as const;

export const REGENCY_DOC_TYPES = [
  'resident', // the register as the regency (Dukcapil extract) holds it
  'official', // village officials and signers
  'village-profile', // name, address, letterhead lines
  'template', // letter templates
  'reference', // chart of accounts, kegiatan, funding sources
  'verification', // the regency's checks on village documents
  'planning-settings', // national priorities, musdes criteria, stalled-project days
  'dukcapil-decision', // a Dukcapil decision on an application, one per step (Dukcapil accounts only)
  'dukcapil-file', // a document Dukcapil issued, as a PDF, synced in the photo lane
] as const;

export type VillageDocType = (typeof VILLAGE_DOC_TYPES)[number];
export type RegencyDocType = (typeof REGENCY_DOC_TYPES)[number];
export type DocType = VillageDocType | RegencyDocType;

export function isVillageDocType(type: unknown): type is VillageDocType {
  return (VILLAGE_DOC_TYPES as readonly unknown[]).includes(type);
}

export function isRegencyDocType(type: unknown): type is RegencyDocType {
  return (REGENCY_DOC_TYPES as readonly unknown[]).includes(type);
}

/**
 * Fields every synced document has, on the kiosk and at the regency.
 * `id` is the CouchDB `_id`: time-ordered and carrying the village and the kiosk that wrote it.
 */
export interface SyncedFields {
  id: string;
  type: DocType;
  villageCode: string;
  /** The kiosk that wrote the document, or `kabupaten` for the regency's own documents. */
  kioskId: string;
  createdAt: string;
  updatedAt: string;
}
