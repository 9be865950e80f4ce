// The Electron print path's host logic, against a stand-in for Electron's BrowserWindow (there is
// no Electron binary here): which HTML is loaded, with which options it is printed or turned into
// a PDF, where the PDF goes, and what is refused. The PDF bytes themselves are proven in Chromium
// by tests/e2e/letters-archive.test.ts.
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { letterBlocks, letterHtml } from '../../shared/letters/template';
import { printableHtml } from '../../shared/letters/print';
import { archiveFileOf, safeLetterFileName, sha256Hex } from './letter-archive';
import { electronLetterOutput, readPrinterSetting, type PrintWindow } from './letter-print';
import { bridgeOffice } from './test-office';

const NUMBER = '470/001-K1/35.10.17.2001/XI/2026';
const HTML = letterHtml(
  letterBlocks({
    letterType: 'domisili',
    number: NUMBER,
    date: '2026-11-28',
    village: {
      villageName: 'Sumberwaru',
      districtName: 'Kalibaru',
      regencyName: 'Banyuwangi',
      address: 'Jl. Raya 1',
    },
    people: { applicant: { nik: '3510171708450001', name: 'Budi Santoso', sex: 'L' } },
    fields: {},
    purpose: 'Membuka rekening',
    signer: {
      name: 'Hj. Sulastri',
      position: 'Kepala Desa',
      role: 'kepala-desa',
      employeeNumber: '',
    },
  }),
);
const F4 = {
  paper: 'F4' as const,
  marginsMm: [15, 20, 15, 25] as [number, number, number, number],
};
const letter = { number: NUMBER, issuedOn: '2026-11-28', html: HTML, paper: F4 };

/** A fake PDF whose content differs per call, as Chromium's do (their timestamps differ). */
const fakePdf = (n: number) => Buffer.from(`%PDF-1.4\n% rendering ${n}\n%%EOF\n`, 'latin1');

/** Electron's BrowserWindow as far as printing uses it, recording every call. */
class StandInWindow implements PrintWindow {
  static opened: StandInWindow[] = [];
  static printers = [{ name: 'Epson_L3110', displayName: 'Epson L3110' }];
  static printResult: [boolean, string] = [true, ''];
  url = '';
  /** The file a `file:` URL pointed at when it was loaded (the issued PDF). */
  loadedFile: Buffer | null = null;
  destroyed = false;
  printed: Parameters<PrintWindow['webContents']['print']>[0][] = [];
  pdfs: Parameters<PrintWindow['webContents']['printToPDF']>[0][] = [];
  constructor(readonly options: BrowserWindowConstructorOptions) {
    StandInWindow.opened.push(this);
  }
  loadURL(url: string) {
    this.url = url;
    if (url.startsWith('file:')) this.loadedFile = readFileSync(fileURLToPath(url));
    return Promise.resolve();
  }
  destroy() {
    this.destroyed = true;
  }
  webContents: PrintWindow['webContents'] = {
    print: (options, callback) => {
      this.printed.push(options);
      setTimeout(() => callback(...StandInWindow.printResult), 1);
    },
    printToPDF: (options) => {
      this.pdfs.push(options);
      return Promise.resolve(fakePdf(StandInWindow.opened.length));
    },
    getPrintersAsync: () => Promise.resolve(StandInWindow.printers),
  };
  /** The HTML the window was given, decoded from its data: URL. */
  html(): string {
    const [head, body] = this.url.split(',', 2);
    expect(head).toBe('data:text/html;charset=utf-8;base64');
    return Buffer.from(body!, 'base64').toString('utf8');
  }
}

/** A kiosk of this shell with a signed-in operator, who may print and archive letters. */
async function kiosk(
  shell: 'electron' | 'browser',
  env: Record<string, string> = {},
  role: 'operator' | 'bendahara' = 'operator',
) {
  StandInWindow.opened = [];
  StandInWindow.printResult = [true, ''];
  const dataDir = join(mkdtempSync(join(tmpdir(), 'balai-print-')), 'data');
  const letterOutput =
    shell === 'electron'
      ? electronLetterOutput({
          openWindow: (options) => new StandInWindow(options),
          dataDir,
          printer: () => readPrinterSetting(env),
        })
      : undefined;
  const office = await bridgeOffice({ shell, env, letterOutput, dataDir, roles: [role] });
  const operator = await office.signedInAs(role);
  return { dataDir, call: (channel: string, payload: unknown) => operator(channel, payload) };
}

/** Every file in the kiosk's PDF archive. */
const archived = (dataDir: string) =>
  existsSync(join(dataDir, 'archive'))
    ? readdirSync(join(dataDir, 'archive'), { recursive: true })
    : [];

/** The loaded page without the print window's CSP line: must be exactly what was asked. */
const withoutCsp = (html: string) =>
  html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');

describe('letters:print in the Electron shell', () => {
  it('prints the stored HTML silently to the configured printer, from a hidden sandboxed window', async () => {
    const { call } = await kiosk('electron', { BALAI_PRINTER: 'Epson_L3110' });
    expect(await call('letters:print', { ...letter, copy: false })).toEqual({
      ok: true,
      value: { outcome: 'printed', printer: 'Epson_L3110' },
    });
    const [window] = StandInWindow.opened;
    expect(StandInWindow.opened).toHaveLength(1);
    expect(window!.options).toMatchObject({
      show: false,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
      },
    });
    expect(window!.options.webPreferences?.preload).toBeUndefined();
    expect(withoutCsp(window!.html())).toBe(HTML);
    expect(window!.html()).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`,
    );
    expect(window!.printed).toEqual([
      {
        silent: true,
        deviceName: 'Epson_L3110',
        printBackground: true,
        copies: 1,
        pageSize: { width: 215_000, height: 330_000 },
        margins: { marginType: 'default' },
      },
    ]);
    expect(window!.destroyed).toBe(true);
  });

  it('prints a reprint as the same letter marked SALINAN, on A4 when the letter is A4', async () => {
    const { call } = await kiosk('electron');
    const a4 = { ...letter, paper: { ...F4, paper: 'A4' as const } };
    expect(await call('letters:print', { ...a4, copy: true })).toMatchObject({
      ok: true,
      value: { outcome: 'printed', printer: 'default' },
    });
    const [window] = StandInWindow.opened;
    expect(withoutCsp(window!.html())).toBe(printableHtml(HTML, true));
    expect(window!.html().match(/SALINAN/g)).toHaveLength(1);
    // No BALAI_PRINTER: silently to the system's default printer.
    expect(window!.printed[0]).toMatchObject({
      silent: true,
      pageSize: { width: 210_000, height: 297_000 },
    });
    expect(window!.printed[0]).not.toHaveProperty('deviceName');
  });

  it('asks through the dialog when set to "dialog", and reports a cancel as nothing printed', async () => {
    const { call } = await kiosk('electron', { BALAI_PRINTER: 'dialog' });
    StandInWindow.printResult = [false, 'cancelled'];
    expect(await call('letters:print', { ...letter, copy: false })).toEqual({
      ok: true,
      value: { outcome: 'cancelled' },
    });
    expect(StandInWindow.opened[0]!.printed[0]).toMatchObject({ silent: false });
    expect(StandInWindow.opened[0]!.printed[0]).not.toHaveProperty('deviceName');
    expect(StandInWindow.opened[0]!.destroyed).toBe(true);
  });

  it('tells staff when the named printer is missing or the print fails, and closes the window', async () => {
    const missing = await kiosk('electron', { BALAI_PRINTER: 'HP_LaserJet' });
    const out = await missing.call('letters:print', { ...letter, copy: false });
    expect(out).toMatchObject({ ok: false, status: 502 });
    expect((out as { error: string }).error).toBe(
      'Printer "HP_LaserJet" (BALAI_PRINTER) tidak ditemukan di komputer ini. Printer yang ada: Epson_L3110.',
    );
    expect(StandInWindow.opened[0]!.printed).toEqual([]);
    expect(StandInWindow.opened[0]!.destroyed).toBe(true);

    const failing = await kiosk('electron');
    StandInWindow.printResult = [false, 'failed'];
    expect(await failing.call('letters:print', { ...letter, copy: false })).toEqual({
      ok: false,
      status: 502,
      error: 'Surat tidak tercetak (failed). Periksa printer, lalu coba lagi.',
    });
    expect(StandInWindow.opened[0]!.destroyed).toBe(true);
  });

  it('refuses anything but a stored Balai letter, before a window opens', async () => {
    const { call, dataDir } = await kiosk('electron');
    const bad = [
      { ...letter, html: '<html><body>bukan surat</body></html>' },
      { ...letter, html: `${HTML}${HTML}` },
      { ...letter, html: HTML.replace('<head>', '') },
      { ...letter, html: HTML.replace('</article>', `${'x'.repeat(400_000)}</article>`) },
      { ...letter, number: '   ' },
      { ...letter, issuedOn: '28-11-2026' },
      { ...letter, paper: { ...F4, paper: 'Letter' } },
      { ...letter, paper: { ...F4, marginsMm: [15, 20, 15, 100] } },
      { ...letter, copy: 'ya' },
      null,
    ];
    for (const payload of bad) {
      const out = await call(
        'letters:print',
        payload === null ? null : { copy: false, ...payload },
      );
      expect(out, JSON.stringify(payload)?.slice(0, 80)).toMatchObject({ ok: false, status: 400 });
      expect((out as { error: string }).error).toMatch(/^Data tidak sah: /);
    }
    expect((await call('letters:print', { ...bad[0], copy: false })) as object).toMatchObject({
      error: 'Data tidak sah: html: Ini bukan surat tersimpan dari Balai.',
    });
    expect(StandInWindow.opened).toEqual([]);
    expect(await call('letters:pdf', { ...letter, html: 'x' })).toMatchObject({ status: 400 });
    expect(archived(dataDir)).toEqual([]);
  });
});

describe('letters:pdf in the Electron shell', () => {
  it('saves the original into archive/<year>/<number>.pdf, atomically, with its SHA-256', async () => {
    const { call, dataDir } = await kiosk('electron');
    const out = await call('letters:pdf', letter);
    const file = 'archive/2026/470_001-K1_35.10.17.2001_XI_2026.pdf';
    const bytes = readFileSync(join(dataDir, file));
    expect(out).toEqual({
      ok: true,
      value: { outcome: 'archived', file, sha256: sha256Hex(bytes), bytes: bytes.length },
    });
    expect(statSync(join(dataDir, file)).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dataDir, 'archive/2026'))).toEqual([file.split('/')[2]]);
    const [window] = StandInWindow.opened;
    expect(withoutCsp(window!.html())).toBe(HTML); // the original, never a SALINAN
    const inches = (mm: number) => mm / 25.4;
    expect(window!.pdfs).toEqual([
      {
        pageSize: { width: inches(215), height: inches(330) },
        margins: { top: inches(15), right: inches(20), bottom: inches(15), left: inches(25) },
        preferCSSPageSize: true,
        printBackground: true,
      },
    ]);
    expect(window!.destroyed).toBe(true);

    // Asked again (a second kiosk click, a retry), the archive keeps the first file and its hash.
    expect(await call('letters:pdf', letter)).toEqual(out);
    expect(readFileSync(join(dataDir, file))).toEqual(bytes);
  });

  it('gives A4 letters an A4 page', async () => {
    const { call } = await kiosk('electron');
    await call('letters:pdf', { ...letter, paper: { ...F4, paper: 'A4' } });
    expect(StandInWindow.opened[0]!.pdfs[0]!.pageSize).toEqual({
      width: 210 / 25.4,
      height: 297 / 25.4,
    });
  });
});

describe('the browser kiosk', () => {
  it('answers that printing and PDFs are not available in this shell, and writes nothing', async () => {
    const { call, dataDir } = await kiosk('browser');
    const unavailable = {
      ok: true,
      value: {
        outcome: 'unavailable',
        message: 'Tidak tersedia di kios peramban ini; gunakan cetak dari peramban.',
      },
    };
    expect(await call('letters:print', { ...letter, copy: false })).toEqual(unavailable);
    expect(await call('letters:pdf', letter)).toEqual(unavailable);
    expect(archived(dataDir)).toEqual([]);
  });
});

describe('archive file names', () => {
  it('keep every number apart and inside its year folder', () => {
    expect(archiveFileOf(NUMBER, '2026-11-28')).toBe(
      'archive/2026/470_001-K1_35.10.17.2001_XI_2026.pdf',
    );
    const numbers = [
      'a/b',
      'a_b',
      'a~b',
      'a b',
      'a\\b',
      'aA',
      'a~0041',
      '..',
      '../../etc/passwd',
      'Ā',
    ];
    const names = numbers.map(safeLetterFileName);
    expect(new Set(names).size).toBe(numbers.length);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9._~-]+\.pdf$/);
    expect(safeLetterFileName('../../etc/passwd')).toBe('.._.._etc_passwd.pdf');
  });
});

describe('dukcapil:print-pdf: what Dukcapil issued, printed at the desk', () => {
  const pdf = Buffer.from('%PDF-1.7\n% Akta Kelahiran 3510-LU-01122026-0001\n%%EOF\n', 'latin1');
  const APP = 'dukcapil-application:001:3510172001:k1';
  const issued = (bytes: Buffer = pdf, sha256 = sha256Hex(pdf)) => ({
    applicationId: APP,
    documentNumber: '3510-LU-01122026-0001',
    file: {
      id: 'dukcapil-file:001:3510172001:dukcapil',
      refId: APP,
      bytes: bytes.length,
      sha256,
      data: bytes.toString('base64'),
    },
  });

  it('prints the very bytes Dukcapil issued from a hidden PDF-viewer window, on A4, then removes the file', async () => {
    const { call, dataDir } = await kiosk('electron', { BALAI_PRINTER: 'Epson_L3110' });
    const answer = await call('dukcapil:print-pdf', issued());
    expect(answer).toEqual({ ok: true, value: { outcome: 'printed', printer: 'Epson_L3110' } });
    expect(StandInWindow.opened).toHaveLength(1);
    const [window] = StandInWindow.opened;
    const { show, webPreferences: web } = window!.options;
    // Hidden, sandboxed, no Node; the PDF viewer (a plugin) on.
    expect([show, web?.sandbox, web?.contextIsolation, web?.nodeIntegration, web?.plugins]).toEqual(
      [false, true, true, false, true],
    );
    expect(window!.options.webPreferences?.preload).toBeUndefined();
    expect(window!.url).toBe(pathToFileURL(join(dataDir, 'print', `${sha256Hex(pdf)}.pdf`)).href);
    expect(window!.loadedFile?.equals(pdf)).toBe(true);
    expect(window!.printed).toEqual([
      {
        silent: true,
        deviceName: 'Epson_L3110',
        printBackground: true,
        copies: 1,
        pageSize: 'A4',
        margins: { marginType: 'none' },
      },
    ]);
    expect(window!.destroyed).toBe(true);
    expect(readdirSync(join(dataDir, 'print'))).toEqual([]);
  });

  it('refuses a file whose hash is not what Dukcapil recorded, or that is not a PDF, before a window opens', async () => {
    const { call } = await kiosk('electron');
    const tampered = Buffer.from(pdf);
    tampered[12] = 0x58;
    const badHash = await call('dukcapil:print-pdf', issued(tampered));
    expect(badHash).toMatchObject({ ok: false, status: 422 });
    expect((badHash as { error: string }).error).toMatch(/SHA-256 tidak cocok/);
    const html = Buffer.from('<html>bukan pdf</html>');
    expect(await call('dukcapil:print-pdf', issued(html, sha256Hex(html)))).toMatchObject({
      ok: false,
      status: 422,
      error: expect.stringMatching(/bukan PDF/),
    });
    // Another application's file, a size that is not the content's: the contract refuses them.
    expect(
      await call('dukcapil:print-pdf', { ...issued(), applicationId: 'dukcapil-application:x' }),
    ).toMatchObject({ ok: false, status: 400 });
    expect(
      await call('dukcapil:print-pdf', { ...issued(), file: { ...issued().file, bytes: 3 } }),
    ).toMatchObject({ ok: false, status: 400 });
    expect(StandInWindow.opened).toHaveLength(0);
  });

  it('tells staff when the print fails, and still removes the file', async () => {
    const { call, dataDir } = await kiosk('electron');
    StandInWindow.printResult = [false, 'Printer tidak siap'];
    expect(await call('dukcapil:print-pdf', issued())).toMatchObject({
      ok: false,
      status: 502,
      error: expect.stringMatching(/^Dokumen tidak tercetak \(Printer tidak siap\)/),
    });
    expect(StandInWindow.opened[0]!.destroyed).toBe(true);
    expect(readdirSync(join(dataDir, 'print'))).toEqual([]);
  });

  it('is for the desk: the bendahara is refused, and the browser kiosk says it cannot', async () => {
    const bendahara = await kiosk('electron', {}, 'bendahara');
    expect(await bendahara.call('dukcapil:print-pdf', issued())).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(StandInWindow.opened).toHaveLength(0);
    const browser = await kiosk('browser');
    expect(await browser.call('dukcapil:print-pdf', issued())).toEqual({
      ok: true,
      value: {
        outcome: 'unavailable',
        message: 'Tidak tersedia di kios peramban ini; gunakan cetak dari peramban.',
      },
    });
  });
});
