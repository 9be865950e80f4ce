// Thermal tickets: a receipt (shared/anjungan/receipt.ts) turned into ESC/POS by receiptline and
// sent to the office's network receipt printer (raw TCP, port 9100 by convention). Configured by
// BALAI_TICKET_PRINTER=host:port (and BALAI_TICKET_PAPER=58 or 80, in mm); without it the host
// answers "not printed" and the screen falls back to the browser's print.
import { connect } from 'node:net';
import receiptline from 'receiptline';
import { receiptMarkdown, type Receipt } from '../../shared/anjungan/receipt';
import type { Env } from './config-store';

export const TICKET_PRINTER_ENV = 'BALAI_TICKET_PRINTER';
export const TICKET_PAPER_ENV = 'BALAI_TICKET_PAPER';

/** Characters per line of the common Font A: 32 on 58 mm paper, 42 on 80 mm (48 on some). */
const CHARS_PER_LINE = { 58: 32, 80: 42 } as const;
const SEND_TIMEOUT_MS = 5_000;

export interface TicketPrinter {
  /** `host:port`, for the screen to say where the ticket went. */
  readonly address: string;
  print(receipt: Receipt): Promise<void>;
}

/** The ESC/POS bytes of a receipt. */
export function escposOf(receipt: Receipt, paperMm: 58 | 80 = 80): Buffer {
  const commands = receiptline.transform(receiptMarkdown(receipt), {
    command: 'escpos',
    cpl: CHARS_PER_LINE[paperMm],
    encoding: 'cp437',
  });
  // receiptline returns the command bytes as a binary string, one char per byte.
  return Buffer.from(commands, 'latin1');
}

export function ticketPrinterFromEnv(env: Env): TicketPrinter | null {
  const value = env[TICKET_PRINTER_ENV]?.trim();
  if (!value) return null;
  const match = /^([A-Za-z0-9.-]+):(\d{1,5})$/.exec(value);
  if (!match)
    throw new Error(`${TICKET_PRINTER_ENV} harus berbentuk host:port, mis. 192.168.1.50:9100.`);
  const paper = env[TICKET_PAPER_ENV]?.trim() === '58' ? 58 : 80;
  return networkTicketPrinter(match[1]!, Number(match[2]), paper);
}

export function networkTicketPrinter(host: string, port: number, paper: 58 | 80): TicketPrinter {
  return {
    address: `${host}:${port}`,
    print: (receipt) => send(host, port, escposOf(receipt, paper)),
  };
}

function send(host: string, port: number, bytes: Buffer): Promise<void> {
  return new Promise((done, fail) => {
    const socket = connect({ host, port });
    socket.setTimeout(SEND_TIMEOUT_MS, () =>
      socket.destroy(new Error(`Printer karcis ${host}:${port} tidak menjawab.`)),
    );
    socket.once('error', (error) =>
      fail(new Error(`Printer karcis ${host}:${port} tidak dapat dihubungi: ${error.message}`)),
    );
    socket.once('connect', () => socket.end(bytes));
    socket.once('close', (hadError) => {
      if (!hadError) done();
    });
  });
}
