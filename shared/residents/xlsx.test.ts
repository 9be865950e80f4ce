// A real XLSX container (zip, deflated parts, shared strings, inline strings, numbers, a gap in
// the cells), written here byte by byte, read back through the importer.
import { beforeAll, describe, expect, it } from 'vitest';
import { createIdGenerator } from '../ids';
import { planImportRecords } from './import';
import { readXlsx, type XlsxHost } from './xlsx';

// shared/ is type-checked without Node's types; the test borrows zlib from Node at run time.
type Zlib = Record<'deflateRawSync' | 'inflateRawSync', (d: Uint8Array) => Uint8Array>;
let zlib: Zlib;
beforeAll(async () => {
  const name = 'node:zlib';
  zlib = (await import(/* @vite-ignore */ name)) as Zlib;
});

// The test files are ASCII.
const ascii = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
const host: XlsxHost = {
  inflateRaw: async (data) => new Uint8Array(zlib.inflateRawSync(data)),
  decodeUtf8: (data) => String.fromCharCode(...data),
};

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function zip(files: Record<string, string>): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const raw = ascii(text);
    const data = zlib.deflateRawSync(raw);
    const nameBytes = ascii(name);
    const local = new Uint8Array(30);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(8, 8, true);
    l.setUint32(18, data.length, true);
    l.setUint32(22, raw.length, true);
    l.setUint16(26, nameBytes.length, true);
    const central = new Uint8Array(46);
    const c = new DataView(central.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(10, 8, true);
    c.setUint32(20, data.length, true);
    c.setUint32(24, raw.length, true);
    c.setUint16(28, nameBytes.length, true);
    c.setUint32(42, offset, true);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = concat(centrals);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, Object.keys(files).length, true);
  e.setUint16(10, Object.keys(files).length, true);
  e.setUint32(12, dir.length, true);
  e.setUint32(16, offset, true);
  return concat([...locals, dir, end]);
}

const sharedStrings = `<?xml version="1.0"?><sst><si><t>NIK</t></si><si><t>NAMA_LGKP</t></si><si><t>JENIS_KLMIN</t></si><si><r><t>Budi </t></r><r><t>&amp; Co</t></r></si></sst>`;
const sheet = `<?xml version="1.0"?><worksheet><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>3510171708450001</t></is></c><c r="B2" t="s"><v>3</v></c><c r="C2" t="str"><v>L</v></c></row>
<row r="4"><c r="A4"><v>351017170845000</v></c><c r="B4" t="inlineStr"><is><t>Andi</t></is></c></row>
</sheetData></worksheet>`;

describe('XLSX reading', () => {
  it('reads the first sheet with shared and inline strings, numbers and sheet row numbers', async () => {
    const records = await readXlsx(
      zip({ 'xl/sharedStrings.xml': sharedStrings, 'xl/worksheets/sheet1.xml': sheet }),
      host,
    );
    expect(records).toEqual([
      { line: 1, cells: ['NIK', 'NAMA_LGKP', 'JENIS_KLMIN'] },
      { line: 2, cells: ['3510171708450001', 'Budi & Co', 'L'] },
      { line: 4, cells: ['351017170845000', 'Andi', ''] },
    ]);
    const plan = planImportRecords(records, {
      villageCode: '3510992001',
      kioskId: 'k1',
      ids: createIdGenerator('3510992001', 'k1'),
    });
    expect(plan.problems).toEqual([{ line: 4, message: 'NIK harus 16 angka (tertulis 15).' }]);
  });

  it('says plainly when the file is not an XLSX', async () => {
    await expect(readXlsx(new Uint8Array(100), host)).rejects.toThrow(
      'Berkas bukan XLSX (arsip zip tidak dikenali).',
    );
  });
});
