// The population rule the regency's validate_doc_update runs (spliced in by
// sync/provision/validate-doc-update.ts): a population event and a closed monthly report are
// written once and never changed — a mistake in an event is undone by a reversing event, and a
// sent report stays what was sent.

/** Document types written once and never again. */
export const POPULATION_APPEND_ONLY_TYPES = ['population-event', 'population-report'] as const;

export const POPULATION_REFUSAL = {
  en: 'A population event or a closed monthly report is not changed; record a reversing event.',
  id: 'Peristiwa kependudukan dan laporan bulanan yang ditutup tidak boleh diubah; catat peristiwa pembatalan.',
} as const;

/** ES5 for CouchDB: `oldDoc`, `forbid` are the validate function's. */
export function populationValidateSnippet(): string {
  const json = (v: unknown) => JSON.stringify(v);
  return `if (oldDoc && !oldDoc._deleted && ${json(POPULATION_APPEND_ONLY_TYPES)}.indexOf(oldDoc.type) !== -1) {
    forbid(${json(POPULATION_REFUSAL.en)}, ${json(POPULATION_REFUSAL.id)});
  }`;
}
