// The two rules that keep the books honest, in one place for the kiosk and the regency:
// a ledger entry is never changed once written (a correction is a new `reversal` entry), and a
// budget line whose stage is `adopted` is never changed (an amendment is a new version); a closed
// year is written once; an SPP only gains its next stage.
// `financeWriteRefusal` is what the kiosk's store checks; `financeValidateSnippet` is the same
// rule as ES5 for the regency's validate_doc_update (sync/provision/validate-doc-update.ts).

/** Document types whose documents may be created but never written again. */
export const APPEND_ONLY_TYPES = ['ledger', 'year-closing'] as const;
/** An SPP's content, fixed once drawn up; only its `stages` grow, one at a time (decision 0024). */
export const SPP_FIXED_FIELDS = [
  'fiscalYear',
  'number',
  'serial',
  'sppKind',
  'budgetLineId',
  'date',
  'amount',
  'payee',
  'description',
  'cashAccount',
  'taxes',
] as const;
/** Budget stages after which a line may not be written again. */
export const LOCKED_BUDGET_STAGES = ['adopted'] as const;

export const REFUSALS = {
  appendOnly: {
    en: 'Ledger entries are never changed; record a reversal instead.',
    id: 'Entri buku kas tidak boleh diubah; catat pembalikan (reversal).',
  },
  locked: {
    en: 'An adopted budget line is locked; make an amendment instead.',
    id: 'Baris anggaran yang sudah ditetapkan terkunci; buat perubahan (PAK).',
  },
  sppStages: {
    en: 'An SPP never changes; only its next stage may be added.',
    id: 'Isi SPP tidak boleh diubah; hanya tahap berikutnya yang dapat ditambahkan.',
  },
} as const;

interface FinanceDocLike {
  [field: string]: unknown;
  type?: unknown;
  stage?: unknown;
  stages?: unknown;
}

/** Whether `next` is `previous` with at most one stage appended and nothing else changed. */
function sppGrowsByOneStage(next: FinanceDocLike, previous: FinanceDocLike): boolean {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (SPP_FIXED_FIELDS.some((f) => !same(next[f], previous[f]))) return false;
  const before = Array.isArray(previous.stages) ? previous.stages : [];
  const after = Array.isArray(next.stages) ? next.stages : [];
  return (
    after.length - before.length <= 1 &&
    after.length >= before.length &&
    before.every((s, i) => same(s, after[i]))
  );
}

/** Why writing `next` over `previous` (null when new) is refused, or null when it is allowed. */
export function financeWriteRefusal(
  next: FinanceDocLike,
  previous: FinanceDocLike | null,
): keyof typeof REFUSALS | null {
  if (!previous) return null;
  if ((APPEND_ONLY_TYPES as readonly unknown[]).includes(previous.type)) return 'appendOnly';
  if (
    previous.type === 'budget' &&
    (LOCKED_BUDGET_STAGES as readonly unknown[]).includes(previous.stage)
  )
    return 'locked';
  if (previous.type === 'spp' && !sppGrowsByOneStage(next, previous)) return 'sppStages';
  return null;
}

/**
 * ES5 statements for a validate_doc_update with `newDoc`, `oldDoc` and a `forbid(en, id)` in
 * scope: the same rules as `financeWriteRefusal`, generated from the same constants.
 */
export function financeValidateSnippet(): string {
  const json = (v: unknown) => JSON.stringify(v);
  return `if (oldDoc && !oldDoc._deleted) {
    if (${json(APPEND_ONLY_TYPES)}.indexOf(oldDoc.type) !== -1) {
      forbid(${json(REFUSALS.appendOnly.en)}, ${json(REFUSALS.appendOnly.id)});
    }
    if (oldDoc.type === 'budget' && ${json(LOCKED_BUDGET_STAGES)}.indexOf(oldDoc.stage) !== -1) {
      forbid(${json(REFUSALS.locked.en)}, ${json(REFUSALS.locked.id)});
    }
    if (oldDoc.type === 'spp') {
      var sppFixed = ${json(SPP_FIXED_FIELDS)};
      for (var sf = 0; sf < sppFixed.length; sf++) {
        if (JSON.stringify(newDoc[sppFixed[sf]]) !== JSON.stringify(oldDoc[sppFixed[sf]])) {
          forbid(${json(REFUSALS.sppStages.en)}, ${json(REFUSALS.sppStages.id)});
        }
      }
      var sppBefore = oldDoc.stages || [];
      var sppAfter = newDoc.stages || [];
      if (sppAfter.length < sppBefore.length || sppAfter.length - sppBefore.length > 1) {
        forbid(${json(REFUSALS.sppStages.en)}, ${json(REFUSALS.sppStages.id)});
      }
      for (var ss = 0; ss < sppBefore.length; ss++) {
        if (JSON.stringify(sppBefore[ss]) !== JSON.stringify(sppAfter[ss])) {
          forbid(${json(REFUSALS.sppStages.en)}, ${json(REFUSALS.sppStages.id)});
        }
      }
    }
  }`;
}
