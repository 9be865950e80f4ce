// A village's planning as the regency dashboard shows it: its proposals (with the musdes decision
// on each), its RKPDes kegiatan (projects) with whether the adopted APBDes funds them, their latest
// progress and money spent as last reported, and the overdue and stalled flags — the same rule as
// the kiosk (shared/planning/project.ts). One view read per village: `_design/regency/_view/planning`
// for the fiscal year (sync/provision/regency-views.ts), never the documents themselves.
import { projectFlags } from '../../shared/planning/project';
import type { AdminConnection } from '../provision/couch-request';
import { readLawfulView } from './lawful-view';

export type ProposalOutcome = 'accepted' | 'declined' | 'undecided';

export interface RegencyProposal {
  id: string;
  title: string;
  hamlet: string;
  kegiatanCode: string;
  priority: string;
  estimatedCost: number;
  beneficiaries: number;
  outcome: ProposalOutcome;
}

export interface RegencyProject {
  id: string;
  title: string;
  hamlet: string;
  kegiatanCode: string;
  priority: string;
  /** The adopted line's amount (highest adopted version), or null when not funded. */
  budget: number | null;
  percent: number;
  /** Money realised on its line when last reported (the kiosk reads it from the ledger). */
  spent: number;
  lastReportDate: string | null;
  reports: number;
  photos: number;
  plannedEnd: string;
  overdue: boolean;
  stalled: boolean;
  daysSinceReport: number;
}

export interface VillagePlanning {
  proposals: RegencyProposal[];
  projects: RegencyProject[];
}

interface Row {
  key?: unknown;
  value?: unknown;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/**
 * The village's planning for the year, or null when the view is missing (a village provisioned
 * before it existed gets it on its next `add-village`).
 */
export async function villagePlanning(
  login: AdminConnection,
  db: string,
  fiscalYear: number,
  today: string,
  stalledDays: number,
  /** The village's conflicted document ids, when the caller has read them for other views too. */
  conflicted?: Promise<string[]>,
): Promise<VillagePlanning | null> {
  const view = await readLawfulView(
    login,
    db,
    'planning',
    { startkey: [fiscalYear], endkey: [fiscalYear, {}] },
    conflicted,
  );
  if (view.status === 404) return null;
  if (!view.rows) throw new Error(`Reading the planning view: HTTP ${view.status}`);
  return planningFromRows(view.rows as Row[], today, stalledDays);
}

/** The view's rows (one fiscal year) turned into what the dashboard shows. */
export function planningFromRows(
  rows: readonly Row[],
  today: string,
  stalledDays: number,
): VillagePlanning {
  const proposals: RegencyProposal[] = [];
  const accepted = new Set<string>();
  const decided = new Set<string>();
  const lines = new Map<string, { version: number; amount: number }>();
  const reports = new Map<
    string,
    { date: string; percent: number; spent: number; photos: number }[]
  >();
  const projectRows: { id: string; v: Record<string, unknown> }[] = [];
  for (const row of rows) {
    if (!Array.isArray(row.key)) continue;
    const [, kind, a, b] = row.key as unknown[];
    const v = obj(row.value);
    if (kind === 'proposal') {
      proposals.push({
        id: str(a),
        title: str(v.title),
        hamlet: str(v.hamlet),
        kegiatanCode: str(v.kegiatanCode),
        priority: str(v.priority),
        estimatedCost: num(v.estimatedCost),
        beneficiaries: num(v.beneficiaries),
        outcome: 'undecided',
      });
    } else if (kind === 'musdes') {
      for (const id of Array.isArray(v.proposalIds) ? v.proposalIds : []) decided.add(str(id));
      for (const id of Array.isArray(v.acceptedIds) ? v.acceptedIds : []) accepted.add(str(id));
    } else if (kind === 'adopted-line') {
      const seen = lines.get(str(a));
      if (!seen || num(b) >= seen.version)
        lines.set(str(a), { version: num(b), amount: num(row.value) });
    } else if (kind === 'report') {
      const list = reports.get(str(a)) ?? [];
      list.push({
        date: str(b),
        percent: num(v.percent),
        spent: num(v.spent),
        photos: num(v.photos),
      });
      reports.set(str(a), list);
    } else if (kind === 'project') {
      projectRows.push({ id: str(a), v });
    }
  }
  for (const p of proposals)
    p.outcome = accepted.has(p.id) ? 'accepted' : decided.has(p.id) ? 'declined' : 'undecided';
  const projects = projectRows.map(({ id, v }): RegencyProject => {
    // The view sorts a project's reports by date, then by ID (time-ordered): the last is the latest.
    const list = reports.get(id) ?? [];
    const last = list.at(-1);
    const line = lines.get(str(v.budgetLineKey));
    const percent = last?.percent ?? 0;
    const plannedStart = str(v.plannedStart);
    const plannedEnd = str(v.plannedEnd);
    return {
      id,
      title: str(v.title),
      hamlet: str(v.hamlet),
      kegiatanCode: str(v.kegiatanCode),
      priority: str(v.priority),
      budget: line ? line.amount : null,
      percent,
      spent: last?.spent ?? 0,
      lastReportDate: last?.date ?? null,
      reports: list.length,
      photos: list.reduce((n, r) => n + r.photos, 0),
      plannedEnd,
      ...projectFlags(
        {
          funded: line !== undefined,
          percent,
          lastReportDate: last?.date ?? null,
          plannedStart,
          plannedEnd,
        },
        today,
        stalledDays,
      ),
    };
  });
  return { proposals, projects };
}
