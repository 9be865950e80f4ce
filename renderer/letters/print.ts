// Putting an archived letter on paper and into the kiosk's PDF archive. In Electron the host does
// both (`letters:print` to the configured printer, `letters:pdf` into its archive folder); the
// browser kiosk prints through the browser, the same stored HTML in a hidden frame. The browser
// kiosk is not even asked: a letter with its QR is larger than its bridge takes, and it can only
// answer "not available".
import type { LetterDoc } from '../../shared/documents/letter';
import type { KioskBridge, KioskConfig } from '../../shared/ipc';
import {
  letterPaperSchema,
  printableHtml,
  type ArchivedLetter,
  type LetterPaper,
} from '../../shared/letters/print';
import { DEFAULT_PAGE } from '../../shared/letters/template';
import { editLocal } from '../../sync/client/local-edit';
import type { KioskDatabase } from '../../sync/client/store-types';

/** The paper the letter was rendered for, from its snapshot (older letters: the default page). */
export function paperOf(letter: LetterDoc): LetterPaper {
  let page: unknown;
  try {
    page = JSON.parse(letter.snapshot.page ?? 'null');
  } catch {
    page = null;
  }
  const parsed = letterPaperSchema.safeParse(page);
  return parsed.success
    ? parsed.data
    : { paper: DEFAULT_PAGE.paper, marginsMm: DEFAULT_PAGE.marginsMm };
}

function archived(letter: LetterDoc): ArchivedLetter {
  return {
    number: letter.number,
    issuedOn: letter.issuedOn,
    html: letter.html,
    paper: paperOf(letter),
  };
}

/** Prints an HTML document through a hidden frame: the browser's own print. */
export function printHtml(html: string): void {
  const frame = document.createElement('iframe');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  frame.srcdoc = html;
  frame.onload = () => {
    frame.contentWindow?.print();
    setTimeout(() => frame.remove(), 1000);
  };
  document.body.append(frame);
}

/**
 * Prints the letter (a copy marked SALINAN when `copy`). "cancelled" when staff closed Electron's
 * print dialog: then nothing is marked printed or logged. A printer failure throws its message.
 */
export async function printLetter(
  bridge: Pick<KioskBridge, 'printLetter'>,
  shell: KioskConfig['shell'],
  letter: LetterDoc,
  copy: boolean,
): Promise<'printed' | 'cancelled'> {
  if (shell === 'electron') {
    const answer = await bridge.printLetter({ ...archived(letter), copy });
    if (answer.outcome !== 'unavailable') return answer.outcome;
  }
  printHtml(printableHtml(letter.html, copy));
  return 'printed';
}

/**
 * Has the host keep the letter's PDF in its archive and records the file and its SHA-256 on the
 * letter (so it goes to the regency with it). Once per letter; nothing in the browser kiosk.
 */
export async function archiveLetterPdf(
  ctx: {
    db: KioskDatabase;
    bridge: Pick<KioskBridge, 'archiveLetterPdf'>;
    shell: KioskConfig['shell'];
    kioskId: string;
  },
  letter: LetterDoc,
  now = new Date(),
): Promise<void> {
  if (ctx.shell !== 'electron' || letter.archivePdf || !letter.html) return;
  const answer = await ctx.bridge.archiveLetterPdf(archived(letter));
  if (answer.outcome !== 'archived') return;
  const at = now.toISOString();
  await editLocal(ctx.db.letters, letter.id, {
    archivePdf: {
      file: answer.file,
      sha256: answer.sha256,
      bytes: answer.bytes,
      at,
      kioskId: ctx.kioskId,
    },
    updatedAt: at,
  });
}
