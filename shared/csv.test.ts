import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('CSV parsing', () => {
  it('handles quotes, semicolons, CRLF, a BOM and a quoted line break, keeping line numbers', () => {
    const text =
      '\uFEFFNIK;NAMA\r\n"3510171708450001";"Budi; ""Pak"" Santoso"\r\n\r\n"1";"a\nb"\r\n2;c';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['NIK', 'NAMA'] },
      { line: 2, cells: ['3510171708450001', 'Budi; "Pak" Santoso'] },
      { line: 4, cells: ['1', 'a\nb'] },
      { line: 6, cells: ['2', 'c'] },
    ]);
  });
});
