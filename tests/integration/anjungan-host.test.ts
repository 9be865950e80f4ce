// The anjungan mandiri at its host (decision 0026): a window in resident mode may call its own
// channels and nothing else, walked over every channel of the bridge; the resident proves who
// they are with the desk's PIN (then their own) or a registered card; a card alone never creates
// a request; tickets and receipts reach a network ESC/POS printer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkTicketPrinter } from '../../electron/host/ticket-printer';
import { bridgeOffice, type BridgeOffice } from '../../electron/host/test-office';
import { ANJUNGAN_MODE_CHANNELS } from '../../shared/anjungan/channels';
import { ipcChannels, type IpcChannel } from '../../shared/ipc';
import { startFakeEscposPrinter, type FakeEscposPrinter } from '../support/fake-escpos-printer';

const CHANNELS = Object.keys(ipcChannels) as IpcChannel[];
const NIK = '3510175708450002';
const CARD = '04123456789012';

let office: BridgeOffice;
let printer: FakeEscposPrinter;

beforeAll(async () => {
  printer = await startFakeEscposPrinter();
  office = await bridgeOffice({
    roles: ['operator', 'bendahara'],
    ticketPrinter: networkTicketPrinter(printer.host, printer.port, 80),
  });
});

afterAll(async () => {
  await printer.close();
});

function value<T>(out: { ok: boolean; value?: unknown; error?: string }): T {
  if (!out.ok) throw new Error(out.error);
  return out.value as T;
}

describe('resident mode at the door', () => {
  it('refuses every channel but its own, even with a resident signed in', async () => {
    const operator = await office.signedInAs('operator');
    const { pin } = value<{ pin: string }>(
      await operator('resident:issue-pin', { nik: NIK, name: 'Siti Aminah' }),
    );
    const kiosk = office.anjungan();
    value(await kiosk('anjungan:login-pin', { nik: NIK, pin }));
    let refused = 0;
    for (const channel of CHANNELS) {
      if ((ANJUNGAN_MODE_CHANNELS as readonly string[]).includes(channel)) continue;
      const out = await kiosk(channel, null);
      expect(out, channel).toEqual({
        ok: false,
        status: 403,
        error: `Anjungan mandiri tidak boleh memakai saluran "${channel}".`,
      });
      refused++;
    }
    expect(refused).toBe(CHANNELS.length - ANJUNGAN_MODE_CHANNELS.length);
    // The feature's own desk channel too: a resident cannot issue themselves a PIN.
    expect(await kiosk('resident:issue-pin', { nik: NIK, name: 'Siti' })).toMatchObject({
      status: 403,
    });
  });

  it("refuses the resident's channels to a desk window", async () => {
    const operator = await office.signedInAs('operator');
    for (const channel of ANJUNGAN_MODE_CHANNELS.filter((c) => c.startsWith('anjungan:'))) {
      const payload = channel === 'anjungan:login-pin' ? { nik: NIK, pin: '000000' } : null;
      const out = await operator(channel, payload);
      expect(out, channel).toMatchObject({ ok: false });
      if (channel === 'anjungan:login-pin' || channel === 'anjungan:whoami')
        expect(out, channel).toMatchObject({ status: 409 });
    }
  });

  it('lets only desk roles issue PINs and register cards', async () => {
    const bendahara = await office.signedInAs('bendahara');
    expect(await bendahara('resident:issue-pin', { nik: NIK, name: 'Siti' })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(
      await bendahara('resident:register-card', { nik: NIK, name: 'Siti', uid: CARD }),
    ).toMatchObject({ ok: false, status: 403 });
  });
});

describe("a resident's PIN", () => {
  it('says so for a NIK the desk never registered', async () => {
    const kiosk = office.anjungan();
    expect(await kiosk('anjungan:login-pin', { nik: '3510170101900001', pin: '583920' })).toEqual({
      ok: false,
      status: 401,
      error: 'NIK ini belum terdaftar di anjungan. Minta PIN di meja layanan dengan membawa KTP.',
    });
  });

  it('is changed at first use before anything else, and locks after three wrong ones', async () => {
    const nik = '3510171203850003';
    const operator = await office.signedInAs('operator');
    const issued = value<{ pin: string }>(
      await operator('resident:issue-pin', { nik, name: 'Budi Santoso' }),
    );
    expect(issued.pin).toMatch(/^\d{6}$/);
    const kiosk = office.anjungan();
    const first = value<{ mustChangePin: boolean }>(
      await kiosk('anjungan:login-pin', { nik, pin: issued.pin }),
    );
    expect(first.mustChangePin).toBe(true);
    expect(await kiosk('anjungan:confirm', { action: 'queue.take' })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(
      await kiosk('anjungan:change-pin', { current: issued.pin, next: '123456' }),
    ).toMatchObject({ ok: false, status: 400 });
    const changed = value<{ mustChangePin: boolean }>(
      await kiosk('anjungan:change-pin', { current: issued.pin, next: '583920' }),
    );
    expect(changed.mustChangePin).toBe(false);
    expect(await kiosk('anjungan:confirm', { action: 'request.create' })).toMatchObject({
      ok: true,
    });

    // The desk's PIN no longer works; three wrong PINs lock the resident out, the right one too.
    const stranger = office.anjungan();
    expect(await stranger('anjungan:login-pin', { nik, pin: issued.pin })).toMatchObject({
      ok: false,
      status: 401,
      error: 'PIN salah. Sisa percobaan sebelum dikunci: 2.',
    });
    expect(await stranger('anjungan:login-pin', { nik, pin: '000001' })).toMatchObject({
      error: 'PIN salah. Sisa percobaan sebelum dikunci: 1.',
    });
    expect(await stranger('anjungan:login-pin', { nik, pin: '000002' })).toMatchObject({
      status: 429,
      error: expect.stringMatching(/dikunci; coba lagi dalam 60 detik/),
    });
    expect(await stranger('anjungan:login-pin', { nik, pin: '583920' })).toMatchObject({
      status: 429,
    });
    expect(await stranger('anjungan:whoami', null)).toEqual({ ok: true, value: null });
  });
});

describe("a resident's e-KTP card", () => {
  it('takes a queue number and shows status, but never creates a request', async () => {
    const operator = await office.signedInAs('operator');
    value(await operator('resident:register-card', { nik: NIK, name: 'Siti Aminah', uid: CARD }));
    const kiosk = office.anjungan();
    expect(await kiosk('anjungan:login-card', { uid: '99999999999' })).toMatchObject({
      ok: false,
      status: 401,
    });
    const resident = value<{ nik: string; proof: string }>(
      await kiosk('anjungan:login-card', { uid: CARD }),
    );
    expect(resident).toMatchObject({ nik: NIK, proof: 'card' });
    expect(await kiosk('anjungan:confirm', { action: 'queue.take' })).toMatchObject({ ok: true });
    expect(await kiosk('anjungan:confirm', { action: 'status.view' })).toMatchObject({ ok: true });
    expect(await kiosk('anjungan:confirm', { action: 'request.create' })).toMatchObject({
      ok: false,
      status: 403,
      error: expect.stringMatching(/masuk dengan NIK dan PIN/),
    });
    expect(await kiosk('anjungan:change-pin', { current: '000000', next: '583920' })).toMatchObject(
      { ok: false, status: 403 },
    );
  });
});

describe('thermal printing', () => {
  it('prints a queue ticket and a request receipt to the network printer, each cut', async () => {
    const kiosk = office.anjungan();
    expect(
      await kiosk('anjungan:print', {
        kind: 'queue',
        villageName: 'Sumberrejo',
        number: '007',
        counter: 'K1',
        ticket: '031226-007-K1',
        issuedAt: '03-12-2026 10:00',
      }),
    ).toMatchObject({ ok: false, status: 401 });

    value(await kiosk('anjungan:login-card', { uid: CARD }));
    const ticket = value(
      await kiosk('anjungan:print', {
        kind: 'queue',
        villageName: 'Sumberrejo',
        number: '007',
        counter: 'K1',
        ticket: '031226-007-K1',
        issuedAt: '03-12-2026 10:00',
      }),
    );
    expect(ticket).toEqual({ printed: true, printer: printer.address });
    const job = await printer.nextJob();
    expect(job.error).toBeNull();
    expect(job.cuts).toBeGreaterThanOrEqual(1);
    const big = job.lines.find((l) => l.text === '007');
    expect(big).toMatchObject({ width: 3, height: 3 });
    expect(job.lines.map((l) => l.text)).toEqual(
      expect.arrayContaining(['SUMBERREJO', 'NOMOR ANTREAN', 'Loket K1', '031226-007-K1']),
    );

    value(
      await kiosk('anjungan:print', {
        kind: 'request',
        villageName: 'Sumberrejo',
        residentName: 'Siti Aminah',
        letterName: 'Surat Keterangan Domisili',
        reference: 'request:0000000000000:3510172001:k1',
        issuedAt: '03-12-2026 10:01',
      }),
    );
    const receipt = await printer.nextJob();
    expect(receipt.error).toBeNull();
    expect(receipt.cuts).toBeGreaterThanOrEqual(1);
    expect(receipt.lines.find((l) => l.text === 'Surat Keterangan Domisili')?.bold).toBe(true);
    expect(receipt.lines.map((l) => l.text)).toContain('Pemohon: Siti Aminah');
  });
});
