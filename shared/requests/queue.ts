// Queue tickets, numbered per day `DDMMYY-NNN` as residents know them. Two kiosks of one village
// number offline at the same time, so each kiosk counts its own tickets and the ticket carries
// the kiosk: `281126-007-K1`. Unique in the village without any coordination; the resident hears
// "nomor tujuh, loket K1".
import type { QueueDoc } from '../documents/queue';
import { localDate } from '../dates';
import { newDocument, type Author } from '../documents/base';

export function ticketDay(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}${m}${y!.slice(2)}`;
}

export function counterLabel(kioskId: string): string {
  return kioskId.toUpperCase();
}

export function ticketNumber(isoDate: string, seq: number, kioskId: string): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > 999) {
    throw new RangeError(`Nomor antrean ${seq} di luar 1–999.`);
  }
  return `${ticketDay(isoDate)}-${String(seq).padStart(3, '0')}-${counterLabel(kioskId)}`;
}

/**
 * What the printed ticket shows large and what the counter calls out: `007` of `281126-007-K1`.
 * The day and the counter are on the ticket in small print; a resident only knows the number.
 */
export function shortTicket(ticket: string): string {
  return ticket.split('-')[1] ?? ticket;
}

/** `007 · loket K1`: the short number with its counter, for lists that mix counters. */
export function ticketWithCounter(ticket: string): string {
  const counter = ticket.split('-')[2];
  return counter ? `${shortTicket(ticket)} · loket ${counter}` : ticket;
}

/** The next ticket of this kiosk today, given the sequence numbers it already issued today. */
export function nextTicket(
  issuedSeqs: readonly number[],
  author: Author,
  now = new Date(),
): QueueDoc {
  const date = localDate(now);
  const seq = issuedSeqs.reduce((max, s) => Math.max(max, s), 0) + 1;
  const at = now.toISOString();
  return {
    ...newDocument('queue', author, at),
    date,
    ticket: ticketNumber(date, seq, author.kioskId),
    seq,
    status: 'waiting',
    calledAt: '',
    requestId: '',
  };
}
