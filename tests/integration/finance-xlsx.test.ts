// The XLSX export is a valid zip of the Office Open XML parts: every entry's CRC checked with
// Node's zlib, names and sizes from the central directory, cells as numbers or inline strings.
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { xlsxWorkbook } from '../../shared/finance/xlsx';

function unzip(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8');
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    const dataStart = local + 30 + view.getUint16(local + 26, true);
    const data = bytes.subarray(dataStart, dataStart + size);
    expect(crc32(data)).toBe(crc);
    files.set(name, Buffer.from(data).toString('utf8'));
    at += 46 + nameLength;
  }
  return files;
}

describe('the XLSX export', () => {
  it('writes the parts a spreadsheet program needs, with numbers and escaped text', () => {
    const bytes = xlsxWorkbook('LRA 2026', [
      ['Kode', 'Uraian', 'Anggaran'],
      ['01', 'Penyelenggaraan <Pemerintahan> & "Desa" — é', 1_500_000_000],
    ]);
    const files = unzip(bytes);
    expect([...files.keys()].sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const sheet = files.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<c r="C2"><v>1500000000</v></c>');
    expect(sheet).toContain('Penyelenggaraan &lt;Pemerintahan&gt; &amp; &quot;Desa&quot; — é');
    expect(files.get('xl/workbook.xml')).toContain('name="LRA 2026"');
  });
});
