// The village meeting (musdes): the proposals put before it are scored on weighted criteria,
// ranked, and the meeting's decision is recorded with who attended. A decided musdes is locked
// (shared/planning/rules.ts, on the kiosk and at the regency).
import { newDocument } from '../documents/base';
import {
  criterionSchema,
  musdesDocSchema,
  type Criterion,
  type MusdesDoc,
  type ProposalDoc,
} from '../documents/planning';
import type { Result } from '../finance/budget';
import { isIsoDate, nowOf, type PlanningContext } from './proposal';
import { MAX_SCORE } from './settings';

const LOCKED: Result<never> = {
  ok: false,
  errors: { status: 'Musdes sudah diputuskan dan terkunci.' },
};

/** A new meeting with the proposals put before it, scored on `criteria`. */
export function newMusdes(
  form: { fiscalYear: number; date: string; place: string },
  proposalIds: readonly string[],
  criteria: readonly Criterion[],
  ctx: PlanningContext,
): Result<MusdesDoc> {
  const errors: Record<string, string> = {};
  if (!isIsoDate(form.date)) errors.date = 'Tanggal musdes harus berbentuk TTTT-BB-HH.';
  if (!form.place.trim()) errors.place = 'Tempat musdes wajib diisi.';
  if (proposalIds.length === 0) errors.proposalIds = 'Belum ada usulan untuk dibahas.';
  const criteriaError = checkCriteria(criteria);
  if (criteriaError) errors.criteria = criteriaError;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: musdesDocSchema.parse({
      ...newDocument('musdes', ctx, nowOf(ctx)),
      fiscalYear: form.fiscalYear,
      date: form.date,
      place: form.place.trim(),
      criteria,
      proposalIds: [...proposalIds],
      scores: {},
      status: 'open',
      acceptedIds: [],
      attendees: [],
      attendanceCount: 0,
      decisionNote: '',
      decidedAt: '',
    }),
  };
}

function checkCriteria(criteria: readonly Criterion[]): string | null {
  if (criteria.length === 0) return 'Paling sedikit satu kriteria penilaian.';
  if (new Set(criteria.map((c) => c.key)).size !== criteria.length)
    return 'Kode kriteria tidak boleh kembar.';
  if (criteria.some((c) => !criterionSchema.safeParse(c).success))
    return 'Setiap kriteria perlu nama dan bobot bilangan bulat 1–100.';
  return null;
}

/** The meeting's criteria changed (names, weights) before the decision. */
export function setCriteria(
  musdes: MusdesDoc,
  criteria: readonly Criterion[],
  ctx: PlanningContext,
): Result<MusdesDoc> {
  if (musdes.status === 'decided') return LOCKED;
  const error = checkCriteria(criteria);
  if (error) return { ok: false, errors: { criteria: error } };
  return { ok: true, value: { ...musdes, criteria: [...criteria], updatedAt: nowOf(ctx) } };
}

/** One proposal's score on one criterion (0..MAX_SCORE). */
export function scoreProposal(
  musdes: MusdesDoc,
  proposalId: string,
  criterionKey: string,
  score: number,
  ctx: PlanningContext,
): Result<MusdesDoc> {
  if (musdes.status === 'decided') return LOCKED;
  if (!musdes.proposalIds.includes(proposalId))
    return { ok: false, errors: { proposalId: 'Usulan ini tidak dibahas di musdes ini.' } };
  if (!musdes.criteria.some((c) => c.key === criterionKey))
    return { ok: false, errors: { criterion: 'Kriteria tidak dikenal.' } };
  if (!Number.isInteger(score) || score < 0 || score > MAX_SCORE)
    return { ok: false, errors: { score: `Nilai harus bilangan bulat 0–${MAX_SCORE}.` } };
  return {
    ok: true,
    value: {
      ...musdes,
      scores: {
        ...musdes.scores,
        [proposalId]: { ...musdes.scores[proposalId], [criterionKey]: score },
      },
      updatedAt: nowOf(ctx),
    },
  };
}

export interface RankedProposal<P extends ProposalDoc = ProposalDoc> {
  proposal: P;
  rank: number;
  /** Σ weight × score over the criteria scored so far. */
  total: number;
  /** Every criterion has a score. */
  complete: boolean;
}

/**
 * The proposals before the meeting, best first: by weighted total; on a tie the cheaper one
 * (the same agreed value for less of the village's money), then the earlier proposal (IDs are
 * time-ordered), so the order never depends on how the list happened to be read.
 */
export function rankProposals<P extends ProposalDoc>(
  musdes: MusdesDoc,
  proposals: readonly P[],
): RankedProposal<P>[] {
  const byId = new Map(proposals.map((p) => [p.id, p]));
  return musdes.proposalIds
    .map((id) => byId.get(id))
    .filter((p): p is P => p !== undefined)
    .map((proposal) => {
      const scores = musdes.scores[proposal.id] ?? {};
      let total = 0;
      let complete = true;
      for (const c of musdes.criteria) {
        const s = scores[c.key];
        if (s === undefined) complete = false;
        else total += c.weight * s;
      }
      return { proposal, rank: 0, total, complete };
    })
    .sort(
      (a, b) =>
        b.total - a.total ||
        a.proposal.estimatedCost - b.proposal.estimatedCost ||
        (a.proposal.id < b.proposal.id ? -1 : a.proposal.id > b.proposal.id ? 1 : 0),
    )
    .map((r, i) => ({ ...r, rank: i + 1 }));
}

export interface DecisionForm {
  acceptedIds: readonly string[];
  /** Attendees' names as typed, one per line. */
  attendees: string;
  /** The head count (names may be fewer: not everyone signs by name). */
  attendanceCount: string;
  note: string;
}

/** The meeting's decision: accepted proposals (stored in rank order) and attendance; then locked. */
export function decideMusdes(
  musdes: MusdesDoc,
  proposals: readonly ProposalDoc[],
  form: DecisionForm,
  ctx: PlanningContext,
): Result<MusdesDoc> {
  if (musdes.status === 'decided') return LOCKED;
  const errors: Record<string, string> = {};
  const ranked = rankProposals(musdes, proposals);
  if (ranked.length !== musdes.proposalIds.length)
    errors.proposalIds = 'Ada usulan musdes yang belum ada di kios ini.';
  const unscored = ranked.filter((r) => !r.complete);
  if (unscored.length > 0)
    errors.scores = `Belum dinilai lengkap: ${unscored.map((r) => r.proposal.title).join(', ')}.`;
  if (form.acceptedIds.some((id) => !musdes.proposalIds.includes(id)))
    errors.acceptedIds = 'Usulan yang diterima harus dari daftar musdes ini.';
  const names = form.attendees
    .split('\n')
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0) errors.attendees = 'Tulis nama peserta yang hadir (satu nama per baris).';
  if (names.some((n) => n.length > 120)) errors.attendees = 'Nama peserta paling banyak 120 huruf.';
  const count = /^\s*\d{1,6}\s*$/.test(form.attendanceCount) ? Number(form.attendanceCount) : NaN;
  if (!Number.isInteger(count)) errors.attendanceCount = 'Jumlah hadir harus bilangan bulat.';
  else if (count < names.length)
    errors.attendanceCount = `Jumlah hadir tidak boleh kurang dari nama yang ditulis (${names.length}).`;
  if (form.note.length > 1000) errors.note = 'Catatan keputusan paling banyak 1000 huruf.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const accepted = new Set(form.acceptedIds);
  const now = nowOf(ctx);
  return {
    ok: true,
    value: musdesDocSchema.parse({
      ...musdes,
      status: 'decided',
      acceptedIds: ranked.filter((r) => accepted.has(r.proposal.id)).map((r) => r.proposal.id),
      attendees: names,
      attendanceCount: count,
      decisionNote: form.note.trim(),
      decidedAt: now,
      updatedAt: now,
    }),
  };
}

/** Proposals of the year not yet put before a decided musdes (what a new musdes discusses). */
export function undecidedProposals<P extends ProposalDoc>(
  proposals: readonly P[],
  meetings: readonly MusdesDoc[],
): P[] {
  const decided = new Set(
    meetings.filter((m) => m.status === 'decided').flatMap((m) => m.proposalIds),
  );
  return proposals.filter((p) => !decided.has(p.id));
}
