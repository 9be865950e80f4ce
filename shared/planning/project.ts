// Projects: an RKPDes kegiatan whose budget line is in the adopted APBDes. What staff and the
// regency watch: physical progress from the latest report, money spent from the ledger (never
// typed), a timeline, and two flags — overdue (past the planned end, not finished) and stalled
// (not finished, no report for longer than the configured number of days).
import type { BudgetLineDoc, LedgerEntryDoc } from '../documents/budget';
import { newDocument } from '../documents/base';
import {
  progressReportDocSchema,
  type MusdesDoc,
  type ProgressReportDoc,
  type ProposalDoc,
  type RkpKegiatanDoc,
} from '../documents/planning';
import { budgetInForce, lineKey, type Result } from '../finance/budget';
import { entryEffects } from '../finance/ledger';
import { sumRupiah } from '../finance/money';
import { isIsoDate, nowOf, type PlanningContext } from './proposal';

export interface ProjectStatus {
  kegiatan: RkpKegiatanDoc;
  /** Its line is in the adopted budget in force. */
  funded: boolean;
  /** The line's amount in the budget in force (0 when not funded). */
  budget: number;
  /** Realised on the line (LS payments and SPJs, less their reversals). */
  spent: number;
  /** From the latest report; 0 before any. */
  percent: number;
  reports: ProgressReportDoc[];
  lastReportDate: string | null;
  overdue: boolean;
  stalled: boolean;
  /** Whole days since the last report (or since the planned start when none), never negative. */
  daysSinceReport: number;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Money realised on the lines with this key (every version of the year), from the ledger. */
export function spentOnLine(
  key: string,
  lines: readonly BudgetLineDoc[],
  entries: readonly LedgerEntryDoc[],
): number {
  const ids = new Set(lines.filter((l) => lineKey(l) === key).map((l) => l.id));
  const effects = entryEffects(entries);
  return sumRupiah(
    entries.filter((e) => ids.has(e.budgetLineId)).map((e) => effects.get(e.id)?.realised ?? 0),
  );
}

/** Reports oldest first; on the same day, in the order they were written (time-ordered IDs). */
export function sortReports<R extends ProgressReportDoc>(reports: readonly R[]): R[] {
  return [...reports].sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : 1,
  );
}

/** The two flags, from what both the kiosk and the regency know of a project. */
export function projectFlags(
  p: {
    funded: boolean;
    percent: number;
    lastReportDate: string | null;
    plannedStart: string;
    plannedEnd: string;
  },
  today: string,
  stalledDays: number,
): { overdue: boolean; stalled: boolean; daysSinceReport: number } {
  const daysSinceReport = Math.max(0, daysBetween(p.lastReportDate ?? p.plannedStart, today));
  const open = p.funded && p.percent < 100;
  return {
    overdue: open && today > p.plannedEnd,
    stalled: open && daysSinceReport > stalledDays,
    daysSinceReport,
  };
}

export function projectStatus(
  kegiatan: RkpKegiatanDoc,
  finance: { lines: readonly BudgetLineDoc[]; entries: readonly LedgerEntryDoc[] },
  allReports: readonly ProgressReportDoc[],
  today: string,
  stalledDays: number,
): ProjectStatus {
  const inForce = budgetInForce(finance.lines, kegiatan.fiscalYear);
  const line = inForce.adopted
    ? inForce.lines.find((l) => lineKey(l) === kegiatan.budgetLineKey)
    : undefined;
  const reports = sortReports(allReports.filter((r) => r.projectId === kegiatan.id));
  const last = reports.at(-1);
  const percent = last?.physicalPercent ?? 0;
  const funded = line !== undefined;
  const lastReportDate = last?.date ?? null;
  return {
    kegiatan,
    funded,
    budget: line?.amount ?? 0,
    spent: spentOnLine(kegiatan.budgetLineKey, finance.lines, finance.entries),
    percent,
    reports,
    lastReportDate,
    ...projectFlags({ ...kegiatan, funded, percent, lastReportDate }, today, stalledDays),
  };
}

export interface TimelineEvent {
  date: string;
  kind: 'proposal' | 'musdes' | 'start' | 'payment' | 'report' | 'end';
  text: string;
  /** The report's photos, for a report. */
  photoIds?: string[];
}

/** The project's story by date: proposed, decided, planned start, payments, reports, planned end. */
export function projectTimeline(
  status: ProjectStatus,
  proposal: ProposalDoc | undefined,
  musdes: MusdesDoc | undefined,
  finance: { lines: readonly BudgetLineDoc[]; entries: readonly LedgerEntryDoc[] },
): TimelineEvent[] {
  const k = status.kegiatan;
  const events: TimelineEvent[] = [];
  if (proposal)
    events.push({
      date: proposal.meetingDate,
      kind: 'proposal',
      text: `Diusulkan di musdus ${proposal.hamlet}`,
    });
  if (musdes)
    events.push({
      date: musdes.date,
      kind: 'musdes',
      text: `Diterima musdes (peringkat ${k.rank}, ${musdes.attendanceCount} hadir)`,
    });
  events.push({ date: k.plannedStart, kind: 'start', text: 'Rencana mulai' });
  const ids = new Set(finance.lines.filter((l) => lineKey(l) === k.budgetLineKey).map((l) => l.id));
  const effects = entryEffects(finance.entries);
  for (const e of finance.entries) {
    const realised = effects.get(e.id)?.realised ?? 0;
    if (!ids.has(e.budgetLineId) || realised === 0) continue;
    events.push({
      date: e.date,
      kind: 'payment',
      text: `${realised > 0 ? 'Pembayaran' : 'Pembalikan'} ${e.evidenceNumber}`,
    });
  }
  for (const r of status.reports)
    events.push({
      date: r.date,
      kind: 'report',
      text: `Laporan kemajuan ${r.physicalPercent}%${r.notes ? ` — ${r.notes}` : ''}`,
      photoIds: r.photoIds,
    });
  events.push({ date: k.plannedEnd, kind: 'end', text: 'Rencana selesai' });
  const order: TimelineEvent['kind'][] = [
    'proposal',
    'musdes',
    'start',
    'payment',
    'report',
    'end',
  ];
  return events
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : 0) ||
        order.indexOf(a.e.kind) - order.indexOf(b.e.kind) ||
        a.i - b.i,
    )
    .map(({ e }) => e);
}

export interface ProgressForm {
  date: string;
  physicalPercent: string;
  notes: string;
  reportedBy: string;
}

/**
 * A progress report, or the reasons it is refused. `id` is reserved before the photos are
 * taken, so they reference the report; the report is saved after them with their IDs.
 */
export function progressReportFrom(
  form: ProgressForm,
  status: ProjectStatus,
  options: { id: string; photoIds: readonly string[]; today: string },
  ctx: PlanningContext,
): Result<ProgressReportDoc> {
  const errors: Record<string, string> = {};
  if (!status.funded)
    errors.projectId = 'Kegiatan ini belum didanai APBDes yang ditetapkan; belum dapat dilaporkan.';
  if (!isIsoDate(form.date)) errors.date = 'Tanggal laporan harus berbentuk TTTT-BB-HH.';
  else if (form.date > options.today) errors.date = 'Tanggal laporan tidak boleh di masa depan.';
  else if (status.lastReportDate && form.date < status.lastReportDate)
    errors.date = `Tanggal tidak boleh sebelum laporan terakhir (${status.lastReportDate}).`;
  const percent = /^\s*\d{1,3}\s*$/.test(form.physicalPercent) ? Number(form.physicalPercent) : NaN;
  if (!Number.isInteger(percent) || percent < 0 || percent > 100)
    errors.physicalPercent = 'Kemajuan fisik harus bilangan bulat 0–100.';
  else if (percent < status.percent)
    errors.physicalPercent = `Kemajuan fisik tidak boleh turun dari laporan terakhir (${status.percent}%).`;
  if (!form.reportedBy.trim()) errors.reportedBy = 'Pelapor wajib diisi.';
  else if (form.reportedBy.trim().length > 120) errors.reportedBy = 'Nama pelapor terlalu panjang.';
  if (form.notes.length > 1000) errors.notes = 'Catatan paling banyak 1000 huruf.';
  if (options.photoIds.length > 20) errors.photoIds = 'Paling banyak 20 foto per laporan.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: progressReportDocSchema.parse({
      ...newDocument('progress-report', ctx, nowOf(ctx)),
      id: options.id,
      fiscalYear: status.kegiatan.fiscalYear,
      projectId: status.kegiatan.id,
      date: form.date,
      physicalPercent: percent,
      spentAtReport: status.spent,
      photoIds: [...options.photoIds],
      notes: form.notes.trim(),
      reportedBy: form.reportedBy.trim(),
    }),
  };
}

/** The kegiatan's planned period changed (it keeps its links to proposal, musdes and line). */
export function setSchedule(
  kegiatan: RkpKegiatanDoc,
  plannedStart: string,
  plannedEnd: string,
  ctx: PlanningContext,
): Result<RkpKegiatanDoc> {
  const errors: Record<string, string> = {};
  if (!isIsoDate(plannedStart)) errors.plannedStart = 'Tanggal mulai harus berbentuk TTTT-BB-HH.';
  if (!isIsoDate(plannedEnd)) errors.plannedEnd = 'Tanggal selesai harus berbentuk TTTT-BB-HH.';
  else if (plannedEnd < plannedStart)
    errors.plannedEnd = 'Tanggal selesai tidak boleh sebelum tanggal mulai.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { ...kegiatan, plannedStart, plannedEnd, updatedAt: nowOf(ctx) } };
}
