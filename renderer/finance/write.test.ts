// The kiosk's own store refuses what the regency refuses: rewriting a ledger entry or an adopted
// budget line. Drafts and adoption go through, and each write waits to be pushed.
import { describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createIdGenerator } from '../../shared/ids';
import { adoptBudget, createBudgetLine, editBudgetLine } from '../../shared/finance/budget';
import { recordEntry } from '../../shared/finance/ledger';
import { openKioskDatabase } from '../db/database';
import type { StaffRole } from '../../shared/staff/roles';
import { useSignIn } from '../staff/store';
import { saveFinanceDocs } from './write';

const code = '3510992001';
/** Writes are checked against the signed-in role (renderer/staff/guard.ts). */
const actAs = (role: StaffRole) =>
  useSignIn.getState().signedIn({ id: role, name: role, role, disabled: false });
const ctx = { villageCode: code, kioskId: 'k1', ids: createIdGenerator(code, 'k1') };
function must<T>(r: { ok: true; value: T } | { ok: false; errors: Record<string, string> }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('finance writes on the kiosk', () => {
  it('refuses to rewrite an adopted line or a ledger entry', async () => {
    const db = await openKioskDatabase(`balai_fin_${Date.now()}`, getRxStorageMemory());
    try {
      const income = must(
        createBudgetLine(
          {
            fiscalYear: 2026,
            kegiatanCode: '',
            accountCode: '4.2.1',
            fundingSource: 'DDS',
            description: 'DD',
            amount: 10_000,
          },
          [],
          ctx,
        ),
      );
      const spend = must(
        createBudgetLine(
          {
            fiscalYear: 2026,
            kegiatanCode: '01.01.01.',
            accountCode: '5.1.1',
            fundingSource: 'DDS',
            description: 'Siltap',
            amount: 10_000,
          },
          [income],
          ctx,
        ),
      );
      actAs('bendahara');
      await saveFinanceDocs(db, [income, spend]);
      await saveFinanceDocs(db, [must(editBudgetLine(spend, { amount: 9_000 }, ctx))]);
      await db.finance
        .findOne(spend.id)
        .update({ $set: { syncState: 'synced', couchRev: '2-abc' } });
      const adopted = must(adoptBudget([income, { ...spend, amount: 9_000 }], 2026, ctx));
      actAs('kepala-desa');
      await saveFinanceDocs(db, adopted);
      const stored = (await db.finance.findOne(spend.id).exec())!.toJSON();
      expect(stored).toMatchObject({
        stage: 'adopted',
        amount: 9_000,
        syncState: 'pending',
        couchRev: '2-abc',
      });

      await expect(saveFinanceDocs(db, [{ ...adopted[1]!, amount: 1 }])).rejects.toThrow(
        /terkunci/,
      );
      const payment = must(
        recordEntry(
          {
            budgetLineId: spend.id,
            kind: 'payment-ls',
            // Not about the cash at hand: the book here holds no receipts.
            override: { by: 'Kepala Desa', reason: 'kas tidak dicatat dalam uji ini' },
            date: '2026-01-31',
            amount: 5_000,
            evidenceNumber: 'B1',
            payee: 'Kades',
            description: '',
          },
          { lines: adopted, entries: [] },
          'Bendahara',
          ctx,
        ),
      );
      actAs('bendahara');
      await saveFinanceDocs(db, [payment]);
      await expect(saveFinanceDocs(db, [{ ...payment, amount: 1 }])).rejects.toThrow(
        /tidak boleh diubah/,
      );
      expect((await db.finance.findOne(payment.id).exec())!.amount).toBe(5_000);
    } finally {
      await db.close();
    }
  });
});
