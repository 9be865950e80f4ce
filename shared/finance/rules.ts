// The two rules that keep the books honest, in one place for the kiosk and the regency:
// a ledger entry is never changed once written (a correction is a new `reversal` entry), and a
// budget line whose stage is `adopted` is never changed (an amendment is a new version).
// `financeWriteRefusal` is what the kiosk's store checks; `financeValidateSnippet` is the same
// rule as ES5 for the regency's validate_doc_update (sync/provision/validate-doc-update.ts).

/** Document types whose documents may be created but never written again. */
export const APPEND_ONLY_TYPES = ['ledger'] as const;
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
} as const;

interface FinanceDocLike {
  [field: string]: unknown;
  type?: unknown;
  stage?: unknown;
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
  }`;
}
