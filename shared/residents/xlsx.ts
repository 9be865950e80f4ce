// A small XLSX reader for resident extracts: the first worksheet's cells as records, with the
// sheet's row numbers as line numbers. No dependency: the zip container is read here, and the
// host supplies inflate and UTF-8 decoding (the renderer uses Chromium's DecompressionStream and
// TextDecoder), so this file stays free of I/O.
import type { CsvRecord } from '../csv';

export interface XlsxHost {
  inflateRaw(data: Uint8Array): Promise<Uint8Array>;
  decodeUtf8(data: Uint8Array): string;
}

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

interface Entry {
  method: number;
  size: number;
  offset: number;
}

function zipEntries(b: Uint8Array, host: XlsxHost): Map<string, Entry> {
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (u32(b, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('Berkas bukan XLSX (arsip zip tidak dikenali).');
  const count = u16(b, eocd + 10);
  let p = u32(b, eocd + 16);
  const entries = new Map<string, Entry>();
  for (let i = 0; i < count; i++) {
    if (u32(b, p) !== 0x02014b50) throw new Error('Berkas XLSX rusak (direktori zip).');
    const nameLen = u16(b, p + 28);
    const name = host.decodeUtf8(b.subarray(p + 46, p + 46 + nameLen));
    entries.set(name, { method: u16(b, p + 10), size: u32(b, p + 20), offset: u32(b, p + 42) });
    p += 46 + nameLen + u16(b, p + 30) + u16(b, p + 32);
  }
  return entries;
}

async function readEntry(b: Uint8Array, entry: Entry, host: XlsxHost): Promise<string> {
  const o = entry.offset;
  if (u32(b, o) !== 0x04034b50) throw new Error('Berkas XLSX rusak (isi zip).');
  const start = o + 30 + u16(b, o + 26) + u16(b, o + 28);
  const data = b.subarray(start, start + entry.size);
  if (entry.method === 0) return host.decodeUtf8(data);
  if (entry.method === 8) return host.decodeUtf8(await host.inflateRaw(data));
  throw new Error(`Berkas XLSX memakai kompresi ${entry.method} yang tidak didukung.`);
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

function texts(xml: string): string {
  return [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)]
    .map((m) => unescapeXml(m[1]!))
    .join('');
}

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The first worksheet's rows; each record's `line` is its row number in the sheet. */
export async function readXlsx(bytes: Uint8Array, host: XlsxHost): Promise<CsvRecord[]> {
  const entries = zipEntries(bytes, host);
  const sheetName = [...entries.keys()]
    .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
    .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]))[0];
  if (!sheetName) throw new Error('Berkas XLSX tidak berisi lembar kerja.');
  const shared: string[] = [];
  const sharedEntry = entries.get('xl/sharedStrings.xml');
  if (sharedEntry) {
    const xml = await readEntry(bytes, sharedEntry, host);
    for (const m of xml.matchAll(/<si>([\s\S]*?)<\/si>/g)) shared.push(texts(m[1]!));
  }
  const sheet = await readEntry(bytes, entries.get(sheetName)!, host);
  const records: CsvRecord[] = [];
  for (const row of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const line = Number(/\br="(\d+)"/.exec(row[1]!)?.[1] ?? records.length + 1);
    const cells: string[] = [];
    for (const c of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
      const index = ref ? columnIndex(ref) : cells.length;
      const type = /\bt="(\w+)"/.exec(attrs)?.[1];
      const body = c[2] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value = '';
      if (type === 's') value = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') value = texts(body);
      else if (v !== undefined) value = unescapeXml(v);
      while (cells.length < index) cells.push('');
      cells[index] = value;
    }
    if (cells.some((x) => x.trim() !== '')) records.push({ line, cells });
  }
  // Short rows (trailing empty cells are not stored) get the header's width.
  const width = records[0]?.cells.length ?? 0;
  for (const r of records) while (r.cells.length < width) r.cells.push('');
  return records;
}
