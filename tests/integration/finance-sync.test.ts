// Finance through the real replicator: the regency's reference update reaches the kiosk; the
// kiosk's budget, adoption and payment reach the regency; a tampered kiosk that rewrites a posted
// entry in its own store is refused by the regency, the entry is set aside with the reason, and
// the documents after it still go up.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createIdGenerator } from '../../shared/ids';
import { adoptBudget, createBudgetLine, type FinanceContext } from '../../shared/finance/budget';
import { recordEntry } from '../../shared/finance/ledger';
import { applyReferenceUpdates, isKegiatan } from '../../shared/finance/reference';
import { REGENCY_STAFF_ROLE, villageDbName } from '../../shared/village';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { saveFinanceDocs } from '../../renderer/finance/write';
import { actAs } from '../support/act-as';
import { closeAllKiosks, openNodeKiosk } from '../support/node-kiosk';
import {
  couchCall,
  startCouchServer,
  untilLogin,
  uniqueVillageCode,
  type CouchServer,
} from '../support/couch-server';

let server: CouchServer;
beforeAll(async () => {
  server = await startCouchServer();
});
afterEach(async () => {
  await closeAllKiosks();
  applyReferenceUpdates([]);
});
afterAll(async () => server?.stop());

function must<T>(r: { ok: true; value: T } | { ok: false; errors: Record<string, string> }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('village finance over sync', () => {
  it('pulls reference updates, pushes the books, and sets a tampered entry aside', async () => {
    const admin = { url: server.url, ...server.admin };
    const code = uniqueVillageCode();
    const db = villageDbName(code);
    await provisionVillage(admin, { villageCode: code });
    const login = await provisionKiosk(admin, { villageCode: code, kioskId: 'k1' });
    const staff = { username: `staff-fin-${code}`, password: 'staf-kabupaten-1' };
    await couchCall(server, server.admin, 'PUT', `_users/org.couchdb.user:${staff.username}`, {
      name: staff.username,
      type: 'user',
      roles: [REGENCY_STAFF_ROLE],
      password: staff.password,
    });
    await untilLogin(server, staff);
    const now = new Date().toISOString();
    const refId = `reference:${Date.now()}:${code}:kabupaten`;
    const put = await couchCall(server, staff, 'PUT', `${db}/${encodeURIComponent(refId)}`, {
      _id: refId,
      id: refId,
      type: 'reference',
      villageCode: code,
      kioskId: 'kabupaten',
      createdAt: now,
      updatedAt: now,
      fiscalYear: 2026,
      kind: 'kegiatan',
      code: '02.03.98.',
      name: 'Pembangunan Jalan Tembus (kabupaten)',
      active: true,
    });
    expect(put.status).toBe(201);

    const kiosk = await openNodeKiosk({
      villageCode: code,
      kioskId: 'k1',
      login: { url: server.url, ...login },
    });
    await kiosk.replicator.syncOnce();
    const refs = await kiosk.db.finance.find({ selector: { type: 'reference' } }).exec();
    expect(refs.map((r) => r.toJSON())).toMatchObject([{ code: '02.03.98.' }]);
    applyReferenceUpdates(refs.map((r) => r.toJSON() as never));
    expect(isKegiatan('02.03.98.')).toBe(true);

    const ctx: FinanceContext = {
      villageCode: code,
      kioskId: 'k1',
      ids: createIdGenerator(code, 'k1'),
    };
    const income = must(
      createBudgetLine(
        {
          fiscalYear: 2026,
          kegiatanCode: '',
          accountCode: '4.2.1',
          fundingSource: 'DDS',
          description: 'Dana Desa',
          amount: 900_000_000,
        },
        [],
        ctx,
      ),
    );
    const road = must(
      createBudgetLine(
        {
          fiscalYear: 2026,
          kegiatanCode: '02.03.98.',
          accountCode: '5.3.5',
          fundingSource: 'DDS',
          description: 'Jalan tembus',
          amount: 600_000_000,
        },
        [income],
        ctx,
      ),
    );
    actAs('bendahara');
    await saveFinanceDocs(kiosk.db, [income, road]);
    await kiosk.replicator.syncOnce();
    const lines = must(adoptBudget([income, road], 2026, ctx));
    actAs('kepala-desa');
    await saveFinanceDocs(kiosk.db, lines);
    const payment = must(
      recordEntry(
        {
          budgetLineId: road.id,
          kind: 'payment-ls',
          // Not about the cash at hand: the book here holds no receipts.
          override: { by: 'Kepala Desa', reason: 'kas tidak dicatat dalam uji ini' },
          date: '2026-04-01',
          amount: 150_000_000,
          evidenceNumber: 'BKU-010',
          payee: 'CV Karya',
          description: 'Termin 1',
        },
        { lines, entries: [] },
        'Bendahara',
        ctx,
      ),
    );
    actAs('bendahara');
    await saveFinanceDocs(kiosk.db, [payment]);
    await kiosk.replicator.syncOnce();
    const atRegency = async (id: string) =>
      (
        await couchCall<Record<string, unknown>>(
          server,
          server.admin,
          'GET',
          `${db}/${encodeURIComponent(id)}`,
        )
      ).body;
    expect(await atRegency(road.id)).toMatchObject({ stage: 'adopted', amount: 600_000_000 });
    expect(await atRegency(payment.id)).toMatchObject({ amount: 150_000_000, kind: 'payment-ls' });

    // A tampered kiosk edits the posted entry in its store, bypassing the domain, and marks it pending.
    await kiosk.db.finance
      .findOne(payment.id)
      .update({ $set: { amount: 15_000_000, syncState: 'pending' } });
    const later = must(
      recordEntry(
        {
          budgetLineId: road.id,
          kind: 'payment-ls',
          // Not about the cash at hand: the book here holds no receipts.
          override: { by: 'Kepala Desa', reason: 'kas tidak dicatat dalam uji ini' },
          date: '2026-05-01',
          amount: 100_000_000,
          evidenceNumber: 'BKU-011',
          payee: 'CV Karya',
          description: 'Termin 2',
        },
        { lines, entries: [payment] },
        'Bendahara',
        ctx,
      ),
    );
    await saveFinanceDocs(kiosk.db, [later]);
    await kiosk.replicator.syncOnce();
    const local = (await kiosk.db.finance.findOne(payment.id).exec())!.toJSON();
    expect(local.syncState).toBe('rejected');
    expect(local.syncError).toMatch(/never changed|tidak boleh diubah/);
    expect(await atRegency(payment.id)).toMatchObject({ amount: 150_000_000 });
    expect(await atRegency(later.id)).toMatchObject({ amount: 100_000_000 });
    await kiosk.close();
  });
});
