// A letter's PDF in the archive, from the renderer's side: on a Node kiosk (the real database and
// replicator) the renderer's `archiveLetterPdf` has the Electron host's `letters:pdf` (its real
// handlers; a stand-in window gives the PDF bytes, which tests/e2e/letters-archive.test.ts makes
// in Chromium) file the issued letter, records the file and its SHA-256 on the letter (schema
// v2), once, and the letter goes to the regency with it. The browser kiosk is never asked.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { LetterDoc } from '../../shared/documents/letter';
import { createIdGenerator } from '../../shared/ids';
import type { KioskBridge } from '../../shared/ipc';
import { DEFAULT_NUMBERING } from '../../shared/letters/numbering';
import { letterBlocks, letterHtml } from '../../shared/letters/template';
import { villageDbName } from '../../shared/village';
import { sha256Hex } from '../../electron/host/letter-archive';
import { electronLetterOutput, type PrintWindow } from '../../electron/host/letter-print';
import { bridgeOffice } from '../../electron/host/test-office';
import { issueLetter } from '../../renderer/letters/issue';
import { archiveLetterPdf, printLetter } from '../../renderer/letters/print';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import {
  couchCall,
  startCouchServer,
  uniqueVillageCode,
  type CouchServer,
} from '../support/couch-server';
import { closeAllKiosks, openNodeKiosk } from '../support/node-kiosk';

let server: CouchServer;
let work: string;
beforeAll(async () => {
  server = await startCouchServer();
  work = await mkdtemp(join(tmpdir(), 'balai-letter-archive-'));
});
afterEach(closeAllKiosks);
afterAll(async () => {
  await server?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Electron's print window as far as the host uses it; PDFs differ per rendering, as real ones do. */
class StandInWindow implements PrintWindow {
  static count = 0;
  static printResult: [boolean, string] = [false, 'cancelled'];
  static pdfPages: unknown[] = [];
  constructor(readonly options: BrowserWindowConstructorOptions) {
    StandInWindow.count++;
  }
  loadURL = () => Promise.resolve();
  destroy() {}
  webContents: PrintWindow['webContents'] = {
    print: (_options, done) => done(...StandInWindow.printResult),
    printToPDF: (options) => {
      StandInWindow.pdfPages.push(options.pageSize);
      return Promise.resolve(Buffer.from(`%PDF-1.7\n% ${StandInWindow.count}\n%%EOF\n`, 'latin1'));
    },
    getPrintersAsync: () => Promise.resolve([]),
  };
}

/** The renderer's bridge to an Electron host, as the preload gives it (errors thrown), for a signed-in operator. */
async function electronBridge(
  dataDir: string,
  code: string,
): Promise<Pick<KioskBridge, 'archiveLetterPdf' | 'printLetter'>> {
  const office = await bridgeOffice({
    shell: 'electron',
    villageCode: code,
    dataDir,
    roles: ['operator'],
    letterOutput: electronLetterOutput({
      openWindow: (options) => new StandInWindow(options),
      dataDir,
      printer: () => ({ kind: 'dialog' }),
    }),
  });
  const operator = await office.signedInAs('operator');
  const call = async (channel: string, payload: unknown) => {
    const out = await operator(channel, payload);
    if (!out.ok) throw new Error(out.error);
    return out.value as never;
  };
  return {
    archiveLetterPdf: (request) => call('letters:pdf', request),
    printLetter: (request) => call('letters:print', request),
  };
}

describe('the archived PDF of an issued letter', () => {
  it('is filed once by the Electron host, recorded on the letter and synced to the regency', async () => {
    const code = uniqueVillageCode();
    const admin = { url: server.url, ...server.admin };
    await provisionVillage(admin, { villageCode: code });
    const login = await provisionKiosk(admin, { villageCode: code, kioskId: 'k1' });
    const kiosk = await openNodeKiosk({
      villageCode: code,
      kioskId: 'k1',
      login: { url: server.url, ...login },
    });
    const request = await kiosk.addRequest({ name: 'Budi Santoso' });
    const letter = await issueLetter(kiosk.db, {
      request,
      villageCode: code,
      kioskId: 'k1',
      ids: createIdGenerator(code, 'k1'),
      numbering: DEFAULT_NUMBERING,
      date: '2026-11-28',
      signer: { name: 'Hj. Sulastri', position: 'Kepala Desa' },
      snapshot: { page: JSON.stringify({ paper: 'A4', marginsMm: [15, 20, 15, 25] }) },
      render: async (number) => ({
        html: letterHtml(
          letterBlocks({
            letterType: 'domisili',
            number,
            date: '2026-11-28',
            village: {
              villageName: 'Sumberwaru',
              districtName: 'Kalibaru',
              regencyName: 'Banyuwangi',
              address: '',
            },
            people: { applicant: { nik: request.residentNik, name: request.residentName } },
            fields: {},
            purpose: request.purpose,
            signer: {
              name: 'Hj. Sulastri',
              position: 'Kepala Desa',
              role: 'kepala-desa',
              employeeNumber: '',
            },
          }),
        ),
        textHash: '',
      }),
    });
    await kiosk.replicator.syncOnce();

    // The browser kiosk files nothing and asks its host nothing.
    const dataDir = join(work, 'kiosk');
    const bridge = await electronBridge(dataDir, code);
    const unasked = {
      archiveLetterPdf: () => Promise.reject(new Error('the browser kiosk must not be asked')),
    };
    await archiveLetterPdf(
      { db: kiosk.db, bridge: unasked, shell: 'browser', kioskId: 'k1' },
      letter,
    );
    expect((await kiosk.db.letters.findOne(letter.id).exec())!.get('archivePdf')).toBeUndefined();

    const ctx = { db: kiosk.db, bridge, shell: 'electron' as const, kioskId: 'k1' };
    await archiveLetterPdf(ctx, letter, new Date('2026-11-28T03:00:00Z'));
    const stored = (await kiosk.db.letters
      .findOne(letter.id)
      .exec())!.toJSON() as unknown as LetterDoc;
    const file = `archive/2026/${letter.number.replace(/\//g, '_')}.pdf`;
    const pdf = await readFile(join(dataDir, file));
    // On the paper the letter was rendered for (its snapshot says A4).
    expect(StandInWindow.pdfPages).toEqual([{ width: 210 / 25.4, height: 297 / 25.4 }]);
    expect(stored.archivePdf).toEqual({
      file,
      sha256: sha256Hex(pdf),
      bytes: pdf.length,
      at: '2026-11-28T03:00:00.000Z',
      kioskId: 'k1',
    });
    expect((await kiosk.db.letters.findOne(letter.id).exec())!.get('syncState')).toBe('pending');
    // Once per letter: the recorded PDF is never replaced.
    const windows = StandInWindow.count;
    await archiveLetterPdf(ctx, stored);
    expect(StandInWindow.count).toBe(windows);

    // Staff closing the print dialog print nothing: the desk neither marks nor logs it.
    expect(await printLetter(bridge, 'electron', stored, true)).toBe('cancelled');
    StandInWindow.printResult = [true, ''];
    expect(await printLetter(bridge, 'electron', stored, true)).toBe('printed');

    await kiosk.replicator.syncOnce();
    const atRegency = await couchCall<LetterDoc>(
      server,
      admin,
      'GET',
      `${villageDbName(code)}/${encodeURIComponent(letter.id)}`,
    );
    expect(atRegency.body.archivePdf).toEqual(stored.archivePdf);
  }, 60_000);
});
