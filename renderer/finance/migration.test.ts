// finance v0 → v1 fills the new fields with their defaults and leaves the sync state alone.
import { describe, expect, it } from 'vitest';
import { migrateFinanceV0 } from './migration';

const base = {
  id: 'budget:000000000000:3510992001:k1',
  villageCode: '3510992001',
  kioskId: 'k1',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  fiscalYear: 2026,
  syncState: 'synced',
  couchRev: '3-abc',
  syncError: '',
};

describe('finance migration v0 → v1', () => {
  it('fills the detail of budget lines and the new ledger fields, keeping sync state', () => {
    expect(
      migrateFinanceV0({
        ...base,
        type: 'budget',
        budgetVersion: 1,
        stage: 'adopted',
        kegiatanCode: '',
        accountCode: '4.2.1',
        fundingSource: 'DDS',
        description: 'Dana Desa',
        amount: 5,
      }),
    ).toMatchObject({
      volume: null,
      unit: '',
      unitPrice: null,
      stage: 'adopted',
      syncState: 'synced',
      couchRev: '3-abc',
    });
    expect(
      migrateFinanceV0({
        ...base,
        id: 'ledger:000000000000:3510992001:k1',
        type: 'ledger',
        budgetLineId: 'budget:000000000000:3510992001:k1',
        kind: 'receipt',
        date: '2026-01-02',
        amount: 5,
        evidenceNumber: 'TBP-1',
        payee: '',
        recordedBy: 'Bendahara',
        reverses: null,
      }),
    ).toMatchObject({
      description: '',
      settles: null,
      overrideBy: '',
      overrideReason: '',
      syncState: 'synced',
    });
  });
});
