// A tampered kiosk cannot rewrite the books: the regency's validate_doc_update (generated from
// shared/finance/rules.ts) refuses any write to an existing ledger entry and any write to an
// adopted budget line, by PUT and by _bulk_docs, while drafts, adoption and reversals go through;
// the treasury's entries, a closed year and an SPP's content likewise (only its next stage is added).
// Raw HTTP as the kiosk user, against the hub or COUCHDB_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdGenerator } from '../../shared/ids';
import { adoptBudget, createBudgetLine, type FinanceContext } from '../../shared/finance/budget';
import { recordEntry, recordTreasuryMove, reverseEntry } from '../../shared/finance/ledger';
import { closeYear } from '../../shared/finance/closing';
import { advanceSpp, drawUpSpp } from '../../shared/finance/spp';
import { villageDbName, type VillageCode } from '../../shared/village';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import {
  couchCall,
  startCouchServer,
  uniqueVillageCode,
  type CouchServer,
  type Login,
} from '../support/couch-server';
import { expectBulkRowRefused, expectWriteRefused } from '../support/refusals';

let server: CouchServer;
let code: VillageCode;
let db: string;
let kiosk: Login;
let ctx: FinanceContext;

const put = (doc: { id: string } & Record<string, unknown>, rev?: string) =>
  couchCall<{ ok?: boolean; rev?: string; reason?: string }>(
    server,
    kiosk,
    'PUT',
    `${db}/${encodeURIComponent(doc.id)}`,
    { ...doc, _id: doc.id, ...(rev ? { _rev: rev } : {}) },
  );

const pathOf = (id: string) => `${db}/${encodeURIComponent(id)}`;

function must<T>(r: { ok: true; value: T } | { ok: false; errors: Record<string, string> }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

beforeAll(async () => {
  server = await startCouchServer();
  const admin = { url: server.url, ...server.admin };
  code = uniqueVillageCode();
  db = villageDbName(code);
  await provisionVillage(admin, { villageCode: code });
  kiosk = await provisionKiosk(admin, { villageCode: code, kioskId: 'k1' });
  ctx = { villageCode: code, kioskId: 'k1', ids: createIdGenerator(code, 'k1') };
});
afterAll(async () => server?.stop());

describe('the regency keeps the books append-only', () => {
  it('accepts a draft edit and the adoption, then refuses any edit of the adopted line', async () => {
    const income = must(
      createBudgetLine(
        {
          fiscalYear: 2026,
          kegiatanCode: '',
          accountCode: '4.2.1',
          fundingSource: 'DDS',
          description: 'Dana Desa',
          amount: 500_000_000,
        },
        [],
        ctx,
      ),
    );
    const first = await put(income);
    expect(first.status).toBe(201);
    const edited = await put({ ...income, amount: 600_000_000 }, first.body.rev);
    expect(edited.status).toBe(201);
    const [adopted] = must(adoptBudget([{ ...income, amount: 600_000_000 }], 2026, ctx));
    const adoption = await put(adopted!, edited.body.rev);
    expect(adoption.status).toBe(201);

    const line = { path: pathOf(adopted!.id), rev: adoption.body.rev! };
    const tampered = await put({ ...adopted!, amount: 900_000_000 }, adoption.body.rev);
    await expectWriteRefused(server, tampered, {
      ...line,
      reason: /adopted budget line is locked/,
    });
    const backToDraft = await put({ ...adopted!, stage: 'draft' }, adoption.body.rev);
    await expectWriteRefused(server, backToDraft, line);

    const bulk = await couchCall<{ id: string; error?: string }[]>(
      server,
      kiosk,
      'POST',
      `${db}/_bulk_docs`,
      {
        docs: [{ ...adopted!, _id: adopted!.id, _rev: adoption.body.rev, amount: 1 }],
      },
    );
    await expectBulkRowRefused(server, bulk.body[0], line);
  });

  it('accepts a payment and its reversal, and refuses editing either', async () => {
    const spend = must(
      createBudgetLine(
        {
          fiscalYear: 2027,
          kegiatanCode: '01.01.01.',
          accountCode: '5.1.1',
          fundingSource: 'ADD',
          description: 'Siltap',
          amount: 100_000_000,
        },
        [],
        ctx,
      ),
    );
    const income = must(
      createBudgetLine(
        {
          fiscalYear: 2027,
          kegiatanCode: '',
          accountCode: '4.2.3',
          fundingSource: 'ADD',
          description: 'ADD',
          amount: 100_000_000,
        },
        [spend],
        ctx,
      ),
    );
    const lines = must(adoptBudget([spend, income], 2027, ctx));
    for (const line of lines) expect((await put(line)).status).toBe(201);
    const payment = must(
      recordEntry(
        {
          budgetLineId: lines[0]!.id,
          kind: 'payment-ls',
          // Not about the cash at hand: the book here holds no receipts.
          override: { by: 'Kepala Desa', reason: 'kas tidak dicatat dalam uji ini' },
          date: '2027-01-31',
          amount: 8_000_000,
          evidenceNumber: 'BKU-001',
          payee: 'Kepala Desa',
          description: 'Siltap Januari',
        },
        { lines, entries: [] },
        'Bendahara',
        ctx,
      ),
    );
    const written = await put(payment);
    expect(written.status).toBe(201);
    const entry = { path: pathOf(payment.id), rev: written.body.rev! };
    const edited = await put({ ...payment, amount: 80_000_000 }, written.body.rev);
    await expectWriteRefused(server, edited, {
      ...entry,
      reason: /Ledger entries are never changed/,
    });
    const voided = await put({ ...payment, _deleted: true }, written.body.rev);
    await expectWriteRefused(server, voided, entry);

    const reversal = must(
      reverseEntry(payment.id, 'Salah nominal', '2027-02-01', [payment], 'Bendahara', ctx),
    );
    const reversed = await put(reversal);
    expect(reversed.status).toBe(201);
    await expectWriteRefused(
      server,
      await put({ ...reversal, reverses: null }, reversed.body.rev),
      {
        path: pathOf(reversal.id),
        rev: reversed.body.rev!,
      },
    );

    const stored = await couchCall<{ amount: number }>(
      server,
      kiosk,
      'GET',
      `${db}/${encodeURIComponent(payment.id)}`,
    );
    expect(stored.body.amount).toBe(8_000_000);
  });

  it('keeps the treasury’s entries, a closed year and an SPP’s content as written (decision 0024)', async () => {
    const draft = (accountCode: string, kegiatanCode: string) =>
      must(
        createBudgetLine(
          {
            fiscalYear: 2028,
            kegiatanCode,
            accountCode,
            fundingSource: 'DDS',
            description: 'x',
            amount: 300_000_000,
          },
          [],
          ctx,
        ),
      );
    const lines = must(adoptBudget([draft('5.3.5', '02.03.01.'), draft('4.2.1', '')], 2028, ctx));
    for (const line of lines) expect((await put(line)).status).toBe(201);
    const opening = must(
      recordTreasuryMove(
        {
          kind: 'opening',
          fiscalYear: 2028,
          date: '2028-01-01',
          amount: 200_000_000,
          cashAccount: 'bank',
          evidenceNumber: 'SA-1',
          description: 'SiLPA',
        },
        { lines, entries: [] },
        'Bendahara',
        ctx,
      ),
    );
    const written = await put(opening);
    expect(written.status).toBe(201);
    // A tampered kiosk moves the saldo awal into the cash box: refused, the regency keeps the bank.
    await expectWriteRefused(
      server,
      await put({ ...opening, cashAccount: 'tunai' }, written.body.rev),
      {
        path: pathOf(opening.id),
        rev: written.body.rev!,
        reason: /Ledger entries are never changed/,
      },
    );
    const closed = must(
      closeYear(
        2028,
        { lines, entries: [opening], closedYears: [], nextEntries: [] },
        '2028-12-31',
        'Bendahara',
        ctx,
      ),
    );
    const closing = await put(closed.closing);
    expect(closing.status).toBe(201);
    await expectWriteRefused(server, await put({ ...closed.closing, bank: 1 }, closing.body.rev), {
      path: pathOf(closed.closing.id),
      rev: closing.body.rev!,
    });

    const spp = must(
      drawUpSpp(
        {
          sppKind: 'LS',
          budgetLineId: lines[0]!.id,
          date: '2028-03-01',
          amount: 111_000_000,
          payee: 'CV Maju',
          description: 'Semen',
          cashAccount: 'bank',
          taxCodes: ['PPN', 'PPH22'],
        },
        { lines, entries: [opening], spps: [] },
        'Pelaksana',
        ctx,
      ),
    );
    const drawn = await put(spp);
    expect(drawn.status).toBe(201);
    const checked = must(advanceSpp(spp, 'checked', 'Sekdes', '2028-03-02T00:00:00.000Z'));
    const approved = must(advanceSpp(checked, 'approved', 'Kades', '2028-03-02T01:00:00.000Z'));
    const at = { path: pathOf(spp.id), rev: drawn.body.rev! };
    // Two stages at once, or the amount raised on the way: refused.
    await expectWriteRefused(server, await put(approved, drawn.body.rev), {
      ...at,
      reason: /An SPP never changes; only its next stage may be added/,
    });
    await expectWriteRefused(
      server,
      await put({ ...checked, amount: 211_000_000 }, drawn.body.rev),
      at,
    );
    await expectWriteRefused(server, await put({ ...checked, taxes: [] }, drawn.body.rev), at);
    // Its next stage goes through; taking it away again does not.
    const next = await put(checked, drawn.body.rev);
    expect(next.status).toBe(201);
    await expectWriteRefused(server, await put(spp, next.body.rev), {
      path: pathOf(spp.id),
      rev: next.body.rev!,
    });
  });
});
