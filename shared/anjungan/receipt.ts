// What goes on a thermal receipt from the anjungan: a queue ticket (the big number, the counter)
// or a resident's request receipt. Plain data here; the host turns it into ESC/POS.
import { z } from 'zod';

const line = z.string().max(120);

export const receiptSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('queue'),
    villageName: line,
    /** The short number residents hear: `007`. */
    number: z.string().regex(/^\d{1,3}$/),
    counter: z.string().max(20),
    ticket: z.string().max(40),
    issuedAt: z.string().max(40),
  }),
  z.object({
    kind: z.literal('request'),
    villageName: line,
    residentName: line,
    letterName: line,
    /** The request's id, for the desk to find it. */
    reference: z.string().max(120),
    issuedAt: z.string().max(40),
  }),
]);
export type Receipt = z.infer<typeof receiptSchema>;

/**
 * The receipt as ReceiptLine markdown (receiptline's document format): `^^^` is the widest
 * character size, `=` a cut. Pipes and backslashes in names are escaped.
 */
export function receiptMarkdown(receipt: Receipt): string {
  const esc = (s: string) => s.replace(/[\\|{}~_"`^]/g, (c) => `\\${c}`);
  const head = [`^${esc(receipt.villageName.toUpperCase())}`, 'Anjungan Layanan Mandiri', '-'];
  const body =
    receipt.kind === 'queue'
      ? [
          'NOMOR ANTREAN',
          `^^^^${receipt.number}`,
          `Loket ${esc(receipt.counter)}`,
          '',
          `${esc(receipt.ticket)}`,
          `${esc(receipt.issuedAt)}`,
        ]
      : [
          'TANDA TERIMA PERMOHONAN',
          `"${esc(receipt.letterName)}`,
          `Pemohon: ${esc(receipt.residentName)}`,
          `Diajukan: ${esc(receipt.issuedAt)}`,
          `Ref: ${esc(receipt.reference)}`,
          '',
          'Surat ditandatangani dan dicetak',
          'oleh petugas desa. Tunggu panggilan.',
        ];
  return [...head, ...body, '-', 'Terima kasih', '='].join('\n');
}
