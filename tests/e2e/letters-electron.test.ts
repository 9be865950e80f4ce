// The letter channels in the real Electron shell, driven by Playwright's `_electron`: the PDF
// of a letter made by Electron's own printToPDF lands in the archive (one F4 page, the SHA-256 it
// was filed with), and a printer that is not there is refused by name. Electron's binary cannot
// be downloaded on our machines (DESIGN decision 3), so this reports itself skipped, with the
// reason, wherever there is no binary or no display; tests/e2e/letters-archive.test.ts proves the
// same PDF path with Chromium standing in for Electron's window.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { KioskBridge } from '../../shared/ipc';
import { DEFAULT_PAGE, letterBlocks, letterHtml } from '../../shared/letters/template';
import { hasDisplay } from '../../electron/chromium';
import { findElectronBinary } from '../../electron/electron-binary';
import { sha256Hex } from '../../electron/host/letter-archive';
import { longestLetter } from '../support/letter-fixtures';

const electronPath = findElectronBinary();
const skipReason = !electronPath
  ? 'the Electron binary is not installed (its download is not reachable from this machine)'
  : process.platform === 'linux' && !hasDisplay(process.env)
    ? 'there is no display (DISPLAY or WAYLAND_DISPLAY) to open the window on'
    : null;
if (skipReason) console.warn(`Skipping the Electron letter printing test: ${skipReason}.`);

describe('letters in the Electron shell', () => {
  it.skipIf(skipReason !== null)(
    'archives a letter as a one-page F4 PDF and refuses a printer that is not there',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'balai-electron-letters-'));
      const app = await electron.launch({
        executablePath: electronPath!,
        args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), process.cwd()],
        env: {
          ...process.env,
          BALAI_DATA_DIR: dataDir,
          BALAI_HUB_DATA: join(dataDir, 'no-hub'),
          BALAI_KIOSK_MODE: '0',
          BALAI_PRINTER: 'Tidak_Ada_Printer_Ini',
        },
      });
      try {
        const page = await app.firstWindow();
        await page.waitForFunction(() => 'balai' in window);
        const input = longestLetter('domisili');
        const letter = {
          number: input.number,
          issuedOn: input.date,
          html: letterHtml(letterBlocks(input), { page: DEFAULT_PAGE }),
          paper: { paper: 'F4' as const, marginsMm: DEFAULT_PAGE.marginsMm },
        };

        const filed = await page.evaluate(
          (l) => (window as unknown as { balai: KioskBridge }).balai.archiveLetterPdf(l),
          letter,
        );
        expect(filed).toMatchObject({ outcome: 'archived' });
        const { file, sha256 } = filed as { file: string; sha256: string };
        const pdf = await readFile(join(dataDir, file));
        expect(sha256Hex(pdf)).toBe(sha256);
        const text = pdf.toString('latin1');
        expect(text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)).toHaveLength(1);
        const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/.exec(text)!;
        expect([box[1], box[2]].map((pt) => Math.round((Number(pt) * 25.4) / 72))).toEqual([
          215, 330,
        ]);

        const refusal = await page.evaluate(
          (l) =>
            (window as unknown as { balai: KioskBridge }).balai
              .printLetter({ ...l, copy: false })
              .then(
                () => 'printed',
                (error: Error) => error.message,
              ),
          letter,
        );
        expect(refusal).toMatch(
          /^Printer "Tidak_Ada_Printer_Ini" \(BALAI_PRINTER\) tidak ditemukan/,
        );
      } finally {
        await app.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  );
});
