// A network receipt printer as the host meets one: a raw TCP socket on loopback (port 0, not
// 9100) that takes ESC/POS bytes. Each connection is one print job, decoded as a printer would
// act on it: the lines of text with the character size they were printed at, and the cuts. A
// command this decoder does not know fails the job, so a test cannot pass on bytes a real
// printer would choke on.
import { createServer, type AddressInfo, type Socket } from 'node:net';

export interface PrintedLine {
  text: string;
  /** Character width and height multipliers (GS !), 1 for normal print. */
  width: number;
  height: number;
  bold: boolean;
}

export interface PrintJob {
  lines: PrintedLine[];
  cuts: number;
  /** Set when the bytes held a command this decoder does not know. */
  error: string | null;
}

export interface FakeEscposPrinter {
  /** `127.0.0.1:PORT`, as BALAI_TICKET_PRINTER takes it. */
  address: string;
  host: string;
  port: number;
  jobs: PrintJob[];
  /** Resolves with the next finished job (or one finished already and not yet taken). */
  nextJob(timeoutMs?: number): Promise<PrintJob>;
  close(): Promise<void>;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;

/** Parameter bytes of the fixed-length commands receiptline sends (Epson's ESC/POS reference). */
const FIXED: Record<number, Record<number, number>> = {
  [ESC]: {
    0x40: 0,
    0x4d: 1,
    0x20: 1,
    0x33: 1,
    0x7b: 1,
    0x2d: 1,
    0x45: 1,
    0x61: 1,
    0x24: 2,
    0x5c: 2,
    0x74: 1,
    0x4a: 1,
    0x64: 1,
    0x56: 1,
    0x21: 1,
  },
  [GS]: {
    0x61: 1,
    0x42: 1,
    0x21: 1,
    0x4c: 2,
    0x57: 2,
    0x72: 1,
    0x48: 1,
    0x66: 1,
    0x68: 1,
    0x77: 1,
  },
  [FS]: { 0x2e: 0, 0x2d: 1, 0x53: 2, 0x43: 1, 0x26: 0 },
};

export function decodeEscpos(bytes: Buffer): PrintJob {
  const job: PrintJob = { lines: [], cuts: 0, error: null };
  let text = '';
  let size = 0;
  let bold = false;
  let i = 0;
  const flush = () => {
    job.lines.push({
      text: text.trimEnd(),
      width: (size >> 4) + 1,
      height: (size & 0x0f) + 1,
      bold,
    });
    text = '';
  };
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === LF) {
      flush();
      i++;
      continue;
    }
    if (b !== ESC && b !== GS && b !== FS) {
      // Printable text in the selected code page (cp437 matches ASCII below 0x80).
      text += String.fromCharCode(b);
      i++;
      continue;
    }
    const op = bytes[i + 1];
    if (op === undefined) {
      job.error = 'command cut short';
      break;
    }
    if (b === GS && op === 0x56) {
      // GS V m [n]: cut; m 65/66 take a feed amount.
      const m = bytes[i + 2]!;
      job.cuts++;
      i += m === 0x41 || m === 0x42 ? 4 : 3;
      continue;
    }
    if (b === FS && op === 0x28) {
      // FS ( A pL pH d…: a function with its own length.
      i += 5 + bytes[i + 3]! + 256 * bytes[i + 4]!;
      continue;
    }
    const params = FIXED[b]?.[op];
    if (params === undefined) {
      job.error = `unknown command 0x${b.toString(16)} 0x${op.toString(16)} at byte ${i}`;
      break;
    }
    if (b === GS && op === 0x21) size = bytes[i + 2]!;
    if (b === ESC && op === 0x45) bold = (bytes[i + 2]! & 1) === 1;
    if (b === ESC && op === 0x40) size = 0;
    i += 2 + params;
  }
  if (text) flush();
  return job;
}

export async function startFakeEscposPrinter(): Promise<FakeEscposPrinter> {
  const jobs: PrintJob[] = [];
  let taken = 0;
  const waiting: ((job: PrintJob) => void)[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => sockets.delete(socket));
    socket.on('end', () => {
      const job = decodeEscpos(Buffer.concat(chunks));
      jobs.push(job);
      const next = waiting.shift();
      if (next) {
        taken++;
        next(job);
      }
      socket.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    jobs,
    nextJob(timeoutMs = 10_000) {
      if (taken < jobs.length) return Promise.resolve(jobs[taken++]!);
      return new Promise((done, fail) => {
        const timer = setTimeout(
          () => fail(new Error('No print job reached the fake printer.')),
          timeoutMs,
        );
        waiting.push((job) => {
          clearTimeout(timer);
          done(job);
        });
      });
    },
    close: () =>
      new Promise((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}
