// Village planning and project monitoring (issue 8): proposals from hamlet meetings (usulan from
// musdus), the village meeting that scores and decides them (musdes), the RKPDes kegiatan each
// accepted proposal becomes (the project, once its budget line is adopted), and progress reports.
// All are written by the village and kept in the kiosk's `finance` collection beside the budget
// they feed, so each carries `fiscalYear` (the collection's index). The rules on them live in
// shared/planning; the regency enforces the locks through shared/planning/rules.ts.
import { z } from 'zod';
import { isoDateSchema, rupiahSchema, syncedBase } from './base';

const fiscalYear = z.number().int().min(2000).max(2100);
const text = (max: number) => z.string().max(max);
const docId = z.string().min(1).max(120);
/** A `BB.SS.KK.` kegiatan code (a few in the tables lack the last dot), checked by shared/planning. */
const kegiatanCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.?$/);

export const proposalDocSchema = syncedBase('proposal').extend({
  /** The year the proposal asks to be funded in. */
  fiscalYear,
  /** The hamlet meeting (musdus) it came from. */
  hamlet: text(80).min(1),
  meetingDate: isoDateSchema,
  title: text(200).min(1),
  kegiatanCode,
  location: text(200).min(1),
  estimatedCost: rupiahSchema.min(1),
  /** How many people benefit, and who they are. */
  beneficiaries: z.number().int().min(0).max(10_000_000),
  beneficiaryNote: text(300),
  /** A national priority's code (shared/planning/priorities.ts). */
  priority: text(40).min(1),
  /** Photos of the need (photo documents referencing this proposal). */
  photoIds: z.array(docId).max(20),
  recordedBy: text(120),
});
export type ProposalDoc = z.infer<typeof proposalDocSchema>;

export const criterionSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]{1,30}$/),
  name: text(80).min(1),
  /** A whole-number weight; a proposal's score is Σ weight × score. */
  weight: z.number().int().min(1).max(100),
});
export type Criterion = z.infer<typeof criterionSchema>;

export const MUSDES_STATUSES = ['open', 'decided'] as const;

export const musdesDocSchema = syncedBase('musdes').extend({
  fiscalYear,
  date: isoDateSchema,
  place: text(200),
  criteria: z.array(criterionSchema).min(1).max(12),
  /** The proposals put before the meeting. */
  proposalIds: z.array(docId).max(500),
  /** proposal id → criterion key → score (0..MAX_SCORE). */
  scores: z.record(z.string(), z.record(z.string(), z.number().int().min(0).max(10))),
  /** open: being scored; decided: recorded and locked. */
  status: z.enum(MUSDES_STATUSES),
  /** The accepted proposals, in rank order. */
  acceptedIds: z.array(docId).max(500),
  attendees: z.array(text(120)).max(500),
  attendanceCount: z.number().int().min(0).max(100_000),
  decisionNote: text(1000),
  decidedAt: text(40),
});
export type MusdesDoc = z.infer<typeof musdesDocSchema>;

/** A kegiatan of the RKPDes, from an accepted proposal; a project once its budget is adopted. */
export const rkpKegiatanDocSchema = syncedBase('rkp-kegiatan').extend({
  fiscalYear,
  proposalId: docId,
  musdesId: docId,
  rank: z.number().int().min(1).max(500),
  title: text(200).min(1),
  hamlet: text(80),
  kegiatanCode,
  location: text(200),
  priority: text(40),
  estimatedCost: rupiahSchema,
  /** The APBDes line it is funded by: the draft line written with it, followed by key. */
  budgetLineId: docId,
  budgetLineKey: text(60),
  plannedStart: isoDateSchema,
  plannedEnd: isoDateSchema,
});
export type RkpKegiatanDoc = z.infer<typeof rkpKegiatanDocSchema>;

/**
 * The regency's planning settings, from a fiscal year on: the national priorities a proposal may
 * serve, the criteria a new musdes scores by, and after how many days without a report a project
 * is stalled. The newest one for the year wins; without one the kiosk uses the defaults.
 */
export const planningSettingsDocSchema = syncedBase('planning-settings').extend({
  fiscalYear,
  priorities: z
    .array(z.object({ code: z.string().regex(/^[a-z0-9-]{1,40}$/), name: text(120).min(1) }))
    .min(1)
    .max(30),
  criteria: z.array(criterionSchema).min(1).max(12),
  stalledDays: z.number().int().min(1).max(365),
});
export type PlanningSettingsDoc = z.infer<typeof planningSettingsDocSchema>;

/** A progress report on a project. Never edited: a later report supersedes it. */
export const progressReportDocSchema = syncedBase('progress-report').extend({
  fiscalYear,
  projectId: docId,
  date: isoDateSchema,
  /** Physical progress, whole percent. */
  physicalPercent: z.number().int().min(0).max(100),
  /** Money realised on the project's budget line when reported, from the ledger (not typed). */
  spentAtReport: rupiahSchema,
  photoIds: z.array(docId).max(20),
  notes: text(1000),
  reportedBy: text(120).min(1),
});
export type ProgressReportDoc = z.infer<typeof progressReportDocSchema>;
