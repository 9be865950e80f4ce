// Issuing a letter on the kiosk: the next serial of this kiosk in the letter's series, the
// number, the archive record. Numbers are taken one at a time per database (a promise chain), so
// two clicks on one kiosk cannot read the same "highest serial"; two kiosks cannot collide because
// each numbers only its own line (shared/letters/numbering.ts, decision 0007).
import type { IdGenerator } from '../../shared/ids';
import { newDocument } from '../../shared/documents/base';
import type { LetterDoc } from '../../shared/documents/letter';
import type { RequestDoc } from '../../shared/documents/request';
import {
  formatLetterNumber,
  nextSerial,
  seriesKey,
  type NumberingSettings,
} from '../../shared/letters/numbering';
import { editLocal } from '../../sync/client/local-edit';
import { guard } from '../staff/guard';
import { pendingLocal } from '../../sync/client/local-fields';
import type { KioskDatabase } from '../../sync/client/store-types';

export interface IssueInput {
  request: RequestDoc;
  villageCode: string;
  kioskId: string;
  ids: IdGenerator;
  numbering: NumberingSettings;
  /** Issue date `YYYY-MM-DD` (the office's calendar day). */
  date: string;
  signer: { name: string; position: string };
  /** The data the letter is rendered from, frozen into the archive. */
  snapshot?: Record<string, string>;
  /** Renders the letter once its number is known: the final HTML and its text hash. */
  render?: (number: string) => Promise<{ html: string; textHash: string; signedPayload?: string }>;
  now?: () => Date;
}

const chains = new WeakMap<object, Promise<unknown>>();

/** Runs `task` after every earlier task on the same database has settled. */
function serialised<T>(db: object, task: () => Promise<T>): Promise<T> {
  const before = chains.get(db) ?? Promise.resolve();
  const run = before.then(task, task);
  chains.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

export function issueLetter(db: KioskDatabase, input: IssueInput): Promise<LetterDoc> {
  return serialised(db, async () => {
    const year = Number(input.date.slice(0, 4));
    const series = seriesKey(input.numbering, input.request.serviceType, year);
    const mine = await db.letters.find({ selector: { series, kioskId: input.kioskId } }).exec();
    const serial = nextSerial(
      mine.map((d) => ({
        series: d.get('series') as string,
        kioskId: d.get('kioskId') as string,
        serial: d.get('serial') as number,
      })),
      series,
      input.kioskId,
    );
    const number = formatLetterNumber(input.numbering, {
      letterType: input.request.serviceType,
      villageCode: input.villageCode,
      kioskId: input.kioskId,
      serial,
      date: input.date,
    });
    const rendered = input.render
      ? await input.render(number)
      : { html: '', textHash: '', signedPayload: '' };
    const at = (input.now?.() ?? new Date()).toISOString();
    const doc: LetterDoc = {
      ...newDocument('letter', input, at),
      requestId: input.request.id,
      letterType: input.request.serviceType,
      number,
      series,
      serial,
      issuedOn: input.date,
      subjectNik: input.request.residentNik,
      subjectName: input.request.residentName,
      signerName: input.signer.name,
      signerPosition: input.signer.position,
      snapshot: input.snapshot ?? {},
      html: rendered.html,
      textHash: rendered.textHash,
      signedPayload: rendered.signedPayload ?? '',
      reprints: [],
      status: 'issued',
    };
    await db.letters.insert(pendingLocal(doc));
    return doc;
  });
}

/** Logs a reprint on the archived letter (copies print marked SALINAN); it goes to the regency. */
export async function recordReprint(
  db: KioskDatabase,
  letter: LetterDoc,
  by: string,
  kioskId: string,
  at: string,
): Promise<void> {
  guard('letter.print');
  await editLocal(db.letters, letter.id, {
    reprints: [...letter.reprints, { at, by: by || 'Petugas', kioskId }],
    updatedAt: at,
  });
}
