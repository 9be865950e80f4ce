// From the musdes decision to the budget, with no retyping: each accepted proposal becomes a
// kegiatan of the RKPDes and a draft line of the APBDes (shared/finance/budget.ts's own rules:
// a spending account under the kegiatan, a funding source, the estimated cost as the amount).
// Either every line passes or nothing is returned, so a refused decision writes nothing.
import type { BudgetLineDoc } from '../documents/budget';
import { newDocument } from '../documents/base';
import {
  rkpKegiatanDocSchema,
  type MusdesDoc,
  type ProposalDoc,
  type RkpKegiatanDoc,
} from '../documents/planning';
import { accountClass } from '../finance/reference';
import { createBudgetLine, latestVersion, lineKey, type Result } from '../finance/budget';
import { nowOf, type PlanningContext } from './proposal';

/** How an accepted proposal is funded: its spending account and funding source. */
export interface Funding {
  accountCode: string;
  fundingSource: string;
}

/** Belanja Modal, Jalan: what most hamlet proposals are (a default the meeting can change). */
export const DEFAULT_FUNDING: Funding = { accountCode: '5.3.5', fundingSource: 'DDS' };

/**
 * Whether a musdes of the year can still put its accepted proposals into that year's budget:
 * not once the year's latest APBDes version is adopted — then only an amendment (PAK) opens it,
 * or the proposals are planned for the next year. Said before the meeting does its work.
 */
export function budgetLockedFor(lines: readonly BudgetLineDoc[], fiscalYear: number): boolean {
  return latestVersion(lines, fiscalYear).lines.some((l) => l.stage === 'adopted');
}

export interface PlanFromDecision {
  kegiatan: RkpKegiatanDoc[];
  lines: BudgetLineDoc[];
}

/**
 * The RKPDes kegiatan and draft budget lines for a decided musdes. Errors are keyed
 * `<field>:<proposalId>` so the screen can show them on the proposal's row.
 */
export function planFromDecision(
  musdes: MusdesDoc,
  proposals: readonly ProposalDoc[],
  funding: Readonly<Record<string, Funding>>,
  budgetLines: readonly BudgetLineDoc[],
  ctx: PlanningContext,
): Result<PlanFromDecision> {
  if (musdes.status !== 'decided')
    return { ok: false, errors: { status: 'Putuskan musdes dahulu.' } };
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const errors: Record<string, string> = {};
  const lines: BudgetLineDoc[] = [];
  const kegiatan: RkpKegiatanDoc[] = [];
  const now = nowOf(ctx);
  musdes.acceptedIds.forEach((proposalId, index) => {
    const p = byId.get(proposalId);
    if (!p) {
      errors[`proposal:${proposalId}`] = 'Usulan tidak ditemukan di kios ini.';
      return;
    }
    const f = funding[proposalId] ?? DEFAULT_FUNDING;
    if (accountClass(f.accountCode) !== 'spending') {
      errors[`accountCode:${proposalId}`] = `${p.title}: rekening harus rekening belanja (5.x.x).`;
      return;
    }
    const line = createBudgetLine(
      {
        fiscalYear: p.fiscalYear,
        kegiatanCode: p.kegiatanCode,
        accountCode: f.accountCode,
        fundingSource: f.fundingSource,
        description: `${p.title} — ${p.location}`.slice(0, 300),
        amount: p.estimatedCost,
      },
      [...budgetLines, ...lines],
      ctx,
    );
    if (!line.ok) {
      for (const [field, message] of Object.entries(line.errors))
        errors[`${field}:${proposalId}`] = `${p.title}: ${message}`;
      return;
    }
    lines.push(line.value);
    const start = musdes.date > `${p.fiscalYear}-01-01` ? musdes.date : `${p.fiscalYear}-01-01`;
    kegiatan.push(
      rkpKegiatanDocSchema.parse({
        ...newDocument('rkp-kegiatan', ctx, now),
        fiscalYear: p.fiscalYear,
        proposalId: p.id,
        musdesId: musdes.id,
        rank: index + 1,
        title: p.title,
        hamlet: p.hamlet,
        kegiatanCode: p.kegiatanCode,
        location: p.location,
        priority: p.priority,
        estimatedCost: p.estimatedCost,
        budgetLineId: line.value.id,
        budgetLineKey: lineKey(line.value),
        plannedStart: start,
        plannedEnd: `${p.fiscalYear}-12-31`,
      }),
    );
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { kegiatan, lines } };
}
