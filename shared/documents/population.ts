// Population events (mutasi penduduk) recorded at the village, and the monthly report (laporan
// bulanan) the kepala desa closes. Both are village documents written once and never changed: a
// mistake in an event is undone by a `pembatalan` event naming it, and a closed report is the
// record of what was sent. Events live in the kiosk's `residents` collection beside the register
// they change (its indexes need `nik`, `nameKey` and `kkNumber` on every document: Dexie refuses
// optional index fields); closed reports, which are about no one, in `registry`, indexed by type.
// The rules are in shared/population/.
import { z } from 'zod';
import { isoDateSchema, nikSchema, syncedBase } from './base';
import { residentDocSchema } from './resident';

/** The types in the `residents` collection that are the register (the others are its events). */
export const REGISTER_TYPES = ['resident', 'resident-local'] as const;

export const POPULATION_EVENT_KINDS = [
  'kelahiran', // birth: a new resident in a parent's family
  'kematian', // death
  'pindah-keluar', // moved out of the village
  'datang', // arrived from elsewhere
  'datang-kembali', // a resident who had moved out returns
  'pindah-dalam-desa', // moved to another RT/RW/dusun of the village (not a departure)
  'pisah-kk', // left a family card for a new or another one (not a departure)
  'perubahan-data', // education, occupation or marital status changed
  'hilang', // missing
  'ditemukan', // a missing resident found
  'pembatalan', // reverses an earlier event recorded by mistake
] as const;
export type PopulationEventKind = (typeof POPULATION_EVENT_KINDS)[number];

/** Resident fields an event may change; each change keeps the value before, so it can be undone. */
export const EVENT_CHANGED_FIELDS = [
  'status',
  'kkNumber',
  'familyRelation',
  'dusun',
  'rw',
  'rt',
  'education',
  'occupation',
  'maritalStatus',
] as const;
export type EventChangedField = (typeof EVENT_CHANGED_FIELDS)[number];

const text = (max: number) => z.string().max(max);
const docId = z.string().min(1).max(120);

export const populationEventDocSchema = syncedBase('population-event').extend({
  kind: z.enum(POPULATION_EVENT_KINDS),
  /** When it happened (tanggal peristiwa). */
  eventDate: isoDateSchema,
  /** When it was reported to the village (tanggal lapor). */
  reportDate: isoDateSchema,
  /**
   * The person the event is about (their history is a query on the collection's `nik` index, so
   * every reader of the register by NIK selects the register's types: REGISTER_TYPES).
   */
  nik: residentDocSchema.shape.nik,
  /** Always empty: the collection indexes these for residents; an event is never found by name or KK. */
  nameKey: residentDocSchema.shape.nameKey,
  kkNumber: residentDocSchema.shape.kkNumber,
  /** The person as the register knew them at the time. */
  subjectName: text(120).min(1),
  subjectSex: z.enum(['L', 'P']),
  /** WNI or WNA. */
  subjectNationality: z.enum(['WNI', 'WNA']),
  /** The register record the event acted on; null when the event brings a new person in. */
  residentId: docId.nullable(),
  /** The `resident-local` record written with the event: the person as they are after it. */
  resultId: docId,
  changes: z
    .array(z.object({ field: z.enum(EVENT_CHANGED_FIELDS), from: text(120), to: text(120) }))
    .max(EVENT_CHANGED_FIELDS.length),
  /** The change in the village's counted population (−1, 0, 1). */
  populationDelta: z.number().int().min(-1).max(1),
  /** The change in the number of families (distinct KK among counted residents). */
  familiesDelta: z.number().int().min(-1).max(1),
  /** Destination (pindah), origin (datang), place of birth or death. */
  place: text(200),
  /** Reason or cause, as reported. */
  reason: text(300),
  /** Parents for a birth (NIK), otherwise empty. */
  relatedNiks: z.array(nikSchema).max(4),
  /** For `pembatalan`: the event it reverses. */
  reverses: docId.nullable(),
  recordedBy: text(120),
});
export type PopulationEventDoc = z.infer<typeof populationEventDocSchema>;

/** Counted residents split by sex and nationality. */
export const populationCountsSchema = z.object({
  lWni: z.number().int().min(-1e7).max(1e7),
  pWni: z.number().int().min(-1e7).max(1e7),
  lWna: z.number().int().min(-1e7).max(1e7),
  pWna: z.number().int().min(-1e7).max(1e7),
});
export type PopulationCounts = z.infer<typeof populationCountsSchema>;

export const REPORT_COLUMNS = ['lahir', 'mati', 'datang', 'pindah', 'hilang', 'ditemukan'] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number];

/** One line of a report's by-name list. */
export const reportLineSchema = z.object({
  eventId: docId,
  kind: z.enum(POPULATION_EVENT_KINDS),
  /** The column it counts in, or null for changes that move no one in or out. */
  column: z.enum(REPORT_COLUMNS).nullable(),
  /** +1, or −1 for a reversal. */
  sign: z.number().int().min(-1).max(1),
  nik: nikSchema,
  name: text(120),
  sex: z.enum(['L', 'P']),
  nationality: z.enum(['WNI', 'WNA']),
  eventDate: isoDateSchema,
  reportDate: isoDateSchema,
  /** Dated in an already closed month, so carried by this report (laporan terlambat). */
  late: z.boolean(),
});
export type ReportLine = z.infer<typeof reportLineSchema>;

export const REPORT_BASES = ['event', 'report'] as const;
export type ReportBasis = (typeof REPORT_BASES)[number];

export const populationReportDocSchema = syncedBase('population-report').extend({
  /** `YYYY-MM`. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  /** Which date puts an event in a month: the event date or the report date. */
  basis: z.enum(REPORT_BASES),
  start: populationCountsSchema,
  startFamilies: z.number().int().min(-1e7).max(1e7),
  /** Per column, the net count by sex and nationality. */
  columns: z.record(z.enum(REPORT_COLUMNS), populationCountsSchema),
  end: populationCountsSchema,
  endFamilies: z.number().int().min(-1e7).max(1e7),
  lines: z.array(reportLineSchema).max(20_000),
  /**
   * The first closed report's start is the register with later events taken back, so it already
   * counts every earlier event known when it was closed: their ids, so an earlier event recorded
   * after the closing is recognised as late. Empty for the reports after it.
   */
  priorEventIds: z.array(docId).max(100_000),
  closedBy: text(120).min(1),
  closedAt: text(40),
});
export type PopulationReportDoc = z.infer<typeof populationReportDocSchema>;
