// A day's work of one village — 300 requests, 50 letters, 100 ledger entries — synced over a
// simulated village link (256 kbit/s each way, 600 ms round trip, tests/support/link-proxy.ts)
// to the hub, against the physical floor: the bytes our sync put on the wire divided by the
// bandwidth, plus the two round trips no sync can avoid (one to send, one to learn it is current).
import { createIdGenerator, type IdGenerator } from '../../shared/ids';
import { ledgerEntryDocSchema } from '../../shared/documents/budget';
import { letterDocSchema } from '../../shared/documents/letter';
import { pendingLocal } from '../../sync/client/local-fields';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { startCouchServer, uniqueVillageCode } from '../support/couch-server';
import { startLinkProxy } from '../support/link-proxy';
import { openNodeKiosk, type NodeKiosk } from '../support/node-kiosk';
import type { VillageCode } from '../../shared/village';

export const VILLAGE_LINK = { bytesPerSecond: 32_000, rttMs: 600 }; // 256 kbit/s
const BYTES_PER_SECOND = VILLAGE_LINK.bytesPerSecond;
const RTT_MS = VILLAGE_LINK.rttMs;

/** A village's day of text: 300 requests, 50 letters, 100 ledger entries, all pending. */
export async function addTextDay(kiosk: NodeKiosk, code: VillageCode, ids: IdGenerator) {
  for (let i = 0; i < 300; i++) {
    await kiosk.addRequest({ name: `Warga Desa Nomor ${i}`, purpose: `Keperluan ke-${i}` });
  }
  const at = new Date().toISOString();
  const base = (type: 'letter' | 'ledger') => ({
    id: ids.next(type),
    type,
    villageCode: code,
    kioskId: 'k1',
    createdAt: at,
    updatedAt: at,
  });
  const letters = Array.from({ length: 50 }, (_, i) =>
    letterDocSchema.parse({
      ...base('letter'),
      requestId: `request:${i}`,
      letterType: 'domisili',
      number: `470/${String(i + 1).padStart(3, '0')}/${code}/XI/2026`,
      issuedOn: at.slice(0, 10),
      subjectNik: '3510171708450001',
      subjectName: `Warga Desa Nomor ${i}`,
      signerName: 'Hj. Sulastri',
      signerPosition: 'Kepala Desa',
      snapshot: { alamat: 'Dusun Krajan RT 001 RW 002', keperluan: 'Melamar pekerjaan' },
      status: 'issued',
    }),
  );
  const ledger = Array.from({ length: 100 }, (_, i) =>
    ledgerEntryDocSchema.parse({
      ...base('ledger'),
      fiscalYear: 2026,
      budgetLineId: `budget:line-${i % 20}`,
      kind: 'payment-ls',
      date: at.slice(0, 10),
      amount: 150_000 + i * 1_000,
      evidenceNumber: `SPP-${i}`,
      payee: 'Toko Bangunan Sumber Rejeki',
      description: 'Belanja material pembangunan jalan desa',
      recordedBy: 'Kaur Keuangan',
      reverses: null,
      settles: null,
      overrideBy: '',
      overrideReason: '',
    }),
  );
  await kiosk.db.letters.bulkInsert(letters.map(pendingLocal));
  await kiosk.db.finance.bulkInsert(ledger.map(pendingLocal));
  return 300 + letters.length + ledger.length;
}

export async function bench(): Promise<object> {
  const server = await startCouchServer();
  const link = await startLinkProxy({
    upstream: server.url,
    bytesPerSecond: BYTES_PER_SECOND,
    rttMs: RTT_MS,
  });
  try {
    const admin = { url: server.url, ...server.admin };
    const code = uniqueVillageCode();
    await provisionVillage(admin, { villageCode: code });
    const { username, password } = await provisionKiosk(admin, {
      villageCode: code,
      kioskId: 'k1',
    });
    const kiosk = await openNodeKiosk({
      villageCode: code,
      kioskId: 'k1',
      login: { url: link.url, username, password },
      storage: 'memory',
    });
    const ids = createIdGenerator(code, 'k1');
    await addTextDay(kiosk, code, ids);

    const start = performance.now();
    await kiosk.replicator.syncOnce();
    const seconds = (performance.now() - start) / 1000;
    await kiosk.close();

    const { requests, bytesUp, bytesDown } = link.stats;
    const floorSeconds = (bytesUp + bytesDown) / BYTES_PER_SECOND + (2 * RTT_MS) / 1000;
    const result = {
      docs: 450,
      link: { kbitPerSecond: (BYTES_PER_SECOND * 8) / 1000, rttMs: RTT_MS },
      seconds: round(seconds),
      requests,
      bytesUp,
      bytesDown,
      floorSeconds: round(floorSeconds),
      ratioToFloor: round(seconds / floorSeconds),
    };
    console.log('Village day over a village link:', result);
    return result;
  } finally {
    await link.close();
    await server.stop();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
