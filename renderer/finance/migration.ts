// finance v0 → v1: budget lines gain the optional volume × unit price detail, ledger entries gain
// description, the advance an SPJ settles and the override record; v3 → v4: budget lines gain the
// Perdes that adopted them; v4 → v5: ledger entries gain cash account, taxes, tax code and SPP,
// reference documents a tax rate — all filled with their defaults (shared/documents/budget.ts). The documents are NOT set pending again: the regency
// refuses any rewrite of an adopted line or a ledger entry, and reads its older copies through
// the same defaults.
import {
  budgetLineDocSchema,
  ledgerEntryDocSchema,
  referenceDocSchema,
} from '../../shared/documents/budget';

export function migrateFinanceV0(old: Record<string, unknown>): Record<string, unknown> {
  const local = {
    syncState: old.syncState,
    couchRev: old.couchRev,
    syncError: old.syncError,
  };
  const schema =
    old.type === 'budget'
      ? budgetLineDocSchema
      : old.type === 'ledger'
        ? ledgerEntryDocSchema
        : old.type === 'reference'
          ? referenceDocSchema
          : null;
  const parsed = schema?.safeParse(old);
  return parsed?.success ? { ...parsed.data, ...local } : old;
}
