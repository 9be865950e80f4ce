// The office hub (issue 17, decision 0025): the office's kiosks as one system on the office
// network while the village's internet link is down, everything reaching the regency once when
// it returns; the office hub killed mid-day without loss; pairing refusals.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyStep } from '../../shared/requests/workflow';
import type { RequestDoc } from '../../shared/documents/request';
import { villageDbName } from '../../shared/village';
import { editLocal } from '../../sync/client/local-edit';
import { pairWithOfficeHub } from '../../sync/office/pair-kiosk';
import { pinnedFetch } from '../../sync/office/pinned-fetch';
import { startOfficeHub } from '../../sync/office/office-hub';
import { basicAuth, uniqueVillageCode } from '../support/couch-server';
import {
  OFFICE_HOST,
  startOfficeNetwork,
  type OfficeKiosk,
  type OfficeNetwork,
} from '../support/office-network';

let net: OfficeNetwork;
beforeEach(async () => {
  net = await startOfficeNetwork();
  console.log(
    'office network: separate loopback addresses (office hub 127.0.0.2, village link 127.0.0.3)',
  );
});
afterEach(async () => {
  await net?.stop();
});

async function requestOn(kiosk: OfficeKiosk, id: string): Promise<RequestDoc | null> {
  const doc = await kiosk.node.db.requests.findOne(id).exec();
  return doc ? (doc.toJSON() as unknown as RequestDoc) : null;
}

async function step(kiosk: OfficeKiosk, id: string, to: 'checked' | 'approved', kioskId: string) {
  const doc = (await requestOn(kiosk, id))!;
  const role = to === 'checked' ? 'operator' : 'sekretaris';
  const next = applyStep(doc, to, { name: `Petugas ${role}`, role, kioskId }, new Date());
  if (!next.ok) throw new Error(next.reason);
  await editLocal(kiosk.node.db.requests, id, next.doc);
}

describe('office hub', () => {
  it('keeps the office one system while the regency is unreachable; everything arrives once when it returns', async () => {
    await net.link.down();
    const a = await net.kiosk('loket');
    const b = await net.kiosk('sekretaris');
    a.node.replicator.start();
    b.node.replicator.start();

    const taken = await a.node.addRequest({ name: 'Siti Aminah' });
    await step(a, taken.id, 'checked', 'loket');
    await expect
      .poll(() => requestOn(b, taken.id).then((d) => d?.status), { timeout: 10_000 })
      .toBe('checked');
    expect(a.paths.path).toBe('kantor');
    expect(b.paths.path).toBe('kantor');

    // The sekretaris approves on the other PC; the operator sees it within a second. Five
    // approvals, judged by their median: one scheduling pause of a loaded CI machine is not what
    // staff meet (the benchmark gives the p95).
    const seenAfterMs: number[] = [];
    const approvals = [taken];
    for (let i = 0; i < 4; i++) {
      const more = await a.node.addRequest({ name: `Warga Antre ${i}` });
      await step(a, more.id, 'checked', 'loket');
      approvals.push(more);
    }
    for (const request of approvals) {
      await expect
        .poll(() => requestOn(b, request.id).then((d) => d?.status), { timeout: 10_000 })
        .toBe('checked');
      await step(b, request.id, 'approved', 'sekretaris');
      const approvedAt = Date.now();
      await expect
        .poll(() => requestOn(a, request.id).then((d) => d?.status), {
          timeout: 10_000,
          interval: 20,
        })
        .toBe('approved');
      seenAfterMs.push(Date.now() - approvedAt);
    }
    console.log(`approvals seen on the operator's kiosk after ${seenAfterMs.join(', ')} ms`);
    expect([...seenAfterMs].sort((x, y) => x - y)[2]).toBeLessThan(1_000);

    // The queue is shared: both desks list the same open requests.
    const other = await b.node.addRequest({ name: 'Joko Susilo' });
    await expect
      .poll(() => requestOn(a, other.id).then((d) => d?.residentName), { timeout: 10_000 })
      .toBe('Joko Susilo');
    expect(await net.atRegency('request')).toHaveLength(0);

    // The internet returns: the office hub relays everything, once.
    await net.link.open();
    await expect
      .poll(async () => (await net.atRegency('request')).length, { timeout: 20_000 })
      .toBe(6);
    const atRegency = await net.atRegency('request');
    const approved = atRegency.find((d) => d._id === taken.id)!;
    expect(approved.status).toBe('approved');
    expect(atRegency.every((d) => d._conflicts === undefined)).toBe(true);
    expect(a.paths.path).toBe('kantor');
  }, 60_000);

  it('the office hub killed mid-day: kiosks go to the regency directly and come back, nothing lost or doubled', async () => {
    const a = await net.kiosk('loket');
    const b = await net.kiosk('sekretaris');
    a.node.replicator.start();
    b.node.replicator.start();
    const first = await a.node.addRequest({ name: 'Pagi Hari' });
    await expect.poll(() => requestOn(b, first.id), { timeout: 10_000 }).not.toBeNull();
    expect([a.paths.path, b.paths.path]).toEqual(['kantor', 'kantor']);

    const port = net.office.port;
    await net.office.close(); // the office hub's PC is switched off
    const second = await a.node.addRequest({ name: 'Siang Hari' });
    await expect.poll(() => requestOn(b, second.id), { timeout: 20_000 }).not.toBeNull();
    expect(a.paths.path).toBe('kabupaten');
    expect(b.paths.path).toBe('kabupaten');

    await net.restartOffice();
    expect(net.office.port).toBe(port);
    await expect
      .poll(() => [a.paths.path, b.paths.path], { timeout: 20_000 })
      .toEqual(['kantor', 'kantor']);
    const third = await b.node.addRequest({ name: 'Sore Hari' });
    await expect.poll(() => requestOn(a, third.id), { timeout: 10_000 }).not.toBeNull();

    await expect
      .poll(async () => (await net.atRegency('request')).length, { timeout: 20_000 })
      .toBe(3);
    const atRegency = await net.atRegency('request');
    expect(atRegency.map((d) => d.residentName).sort()).toEqual([
      'Pagi Hari',
      'Siang Hari',
      'Sore Hari',
    ]);
    expect(atRegency.every((d) => d._conflicts === undefined)).toBe(true);
    for (const kiosk of [a, b]) {
      await expect.poll(() => kiosk.node.replicator.status.pending, { timeout: 10_000 }).toBe(0);
      expect(await kiosk.node.db.requests.count().exec()).toBe(3);
    }
  }, 90_000);

  it('refuses a device that did not pair, a kiosk of another village, a wrong code', async () => {
    const db = villageDbName(net.code);
    const hub = pinnedFetch(net.office.fingerprint);
    try {
      const anonymous = await hub.fetch(`${net.office.url}${db}/_all_docs`);
      expect(anonymous.status).toBe(401);
      // The regency's account for a kiosk is not an account on the office hub.
      const regencyLogin = await hub.fetch(`${net.office.url}${db}/_all_docs`, {
        headers: { Authorization: basicAuth('kios_' + net.code + '_loket', 'salah-sekali') },
      });
      expect(regencyLogin.status).toBe(401);
    } finally {
      await hub.close();
    }
    const stranger = uniqueVillageCode();
    await expect(
      pairWithOfficeHub({
        url: net.office.url,
        code: net.office.pairing.open().code,
        villageCode: stranger,
        kioskId: 'loket',
      }),
    ).rejects.toThrow(`kios desa ${stranger} tidak diterima`);
    const code = net.office.pairing.open().code;
    const wrong = code.startsWith('A') ? 'BBBB-BBBB' : 'AAAA-AAAA';
    await expect(
      pairWithOfficeHub({
        url: net.office.url,
        code: wrong,
        villageCode: net.code,
        kioskId: 'loket',
      }),
    ).rejects.toThrow('Kode pemasangan salah');
    // The right code still works once, and only once.
    const paired = await pairWithOfficeHub({
      url: net.office.url,
      code,
      villageCode: net.code,
      kioskId: 'loket',
    });
    expect(paired.fingerprint).toBe(net.office.fingerprint);
    await expect(
      pairWithOfficeHub({ url: net.office.url, code, villageCode: net.code, kioskId: 'loket-2' }),
    ).rejects.toThrow('Tidak ada kode pemasangan yang berlaku');
  });

  it('refuses a hub at the office address whose certificate is not the pinned one', async () => {
    await net.link.down();
    const a = await net.kiosk('loket');
    await a.node.addRequest({ name: 'Rahasia Warga' });
    // The office hub's place is taken by another machine with a certificate of its own.
    await net.office.close();
    const impostor = await startImpostor(net);
    try {
      expect(impostor.fingerprint).not.toBe(a.pairing!.fingerprint);
      await expect(a.node.replicator.syncOnce()).rejects.toMatchObject({ kind: 'offline' });
      expect(a.paths.path).toBe('luring');
      const direct = pinnedFetch(a.pairing!.fingerprint);
      await expect(direct.fetch(impostor.url)).rejects.toMatchObject({
        cause: { name: 'PinMismatchError' },
      });
      await direct.close();
    } finally {
      await impostor.close();
    }
  });
});

/** An office hub with its own folder (so its own certificate) on the real one's address and port. */
async function startImpostor(network: OfficeNetwork) {
  const dataDir = await mkdtemp(join(tmpdir(), 'balai-impostor-'));
  const hub = await startOfficeHub({
    villageCode: network.code,
    dataDir,
    host: OFFICE_HOST,
    port: network.office.port,
    regency: { url: 'http://127.0.0.1:9/', username: 'x', password: 'x' },
  });
  return {
    url: hub.url,
    fingerprint: hub.fingerprint,
    async close() {
      await hub.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
