// The rules on planning documents that the regency must be able to rely on, in one place for the
// kiosk (`planningWriteRefusal`, checked by every planning write) and the regency
// (`planningValidateSnippet`, spliced into the village database's validate_doc_update):
// a decided musdes is never changed (its ranking and attendance are the meeting's record),
// a progress report is never changed (a later report supersedes it), and an RKPDes kegiatan
// keeps its links to the proposal, the musdes and the budget line it came from.

/** Document types written once and never again. */
export const PLANNING_APPEND_ONLY_TYPES = ['progress-report'] as const;
/** An RKPDes kegiatan's fields that tie it to its origin and its money. */
export const RKP_FIXED_FIELDS = [
  'fiscalYear',
  'proposalId',
  'musdesId',
  'budgetLineId',
  'budgetLineKey',
] as const;

export const PLANNING_REFUSALS = {
  decided: {
    en: 'A decided village meeting (musdes) is not changed.',
    id: 'Musdes yang sudah diputuskan tidak boleh diubah.',
  },
  report: {
    en: 'A progress report is not changed; write a new report.',
    id: 'Laporan kemajuan tidak boleh diubah; buat laporan baru.',
  },
  links: {
    en: 'An RKPDes kegiatan keeps its proposal, musdes and budget line.',
    id: 'Kegiatan RKPDes tidak boleh berganti usulan, musdes atau baris anggaran.',
  },
} as const;

interface DocLike {
  [field: string]: unknown;
}

/** Why writing `next` over `previous` (null when new) is refused, or null when it is allowed. */
export function planningWriteRefusal(
  next: DocLike,
  previous: DocLike | null,
): keyof typeof PLANNING_REFUSALS | null {
  if (!previous) return null;
  if (previous.type === 'musdes' && previous.status === 'decided') return 'decided';
  if ((PLANNING_APPEND_ONLY_TYPES as readonly unknown[]).includes(previous.type)) return 'report';
  if (previous.type === 'rkp-kegiatan' && RKP_FIXED_FIELDS.some((f) => next[f] !== previous[f]))
    return 'links';
  return null;
}

/**
 * ES5 statements for a validate_doc_update with `newDoc`, `oldDoc` and a `forbid(en, id)` in
 * scope: the same rules as `planningWriteRefusal`, generated from the same constants.
 */
export function planningValidateSnippet(): string {
  const json = (v: unknown) => JSON.stringify(v);
  const r = PLANNING_REFUSALS;
  return `if (oldDoc && !oldDoc._deleted) {
    if (oldDoc.type === 'musdes' && oldDoc.status === 'decided') {
      forbid(${json(r.decided.en)}, ${json(r.decided.id)});
    }
    if (${json(PLANNING_APPEND_ONLY_TYPES)}.indexOf(oldDoc.type) !== -1) {
      forbid(${json(r.report.en)}, ${json(r.report.id)});
    }
    if (oldDoc.type === 'rkp-kegiatan') {
      var fixed = ${json(RKP_FIXED_FIELDS)};
      for (var i = 0; i < fixed.length; i++) {
        if (newDoc[fixed[i]] !== oldDoc[fixed[i]]) forbid(${json(r.links.en)}, ${json(r.links.id)});
      }
    }
  }`;
}
