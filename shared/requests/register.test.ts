import { describe, expect, it } from 'vitest';
import { createIdGenerator } from '../ids';
import { requestFromForm } from '../documents/request-form';
import { formatTime } from '../dates';
import { registerCsv } from './register';

describe('the daily register as CSV', () => {
  it('writes one quoted row per request, defusing spreadsheet formulas', () => {
    const made = requestFromForm(
      { nik: '3510171708450001', name: '=Budi "Pak"', serviceType: 'sktm', purpose: 'Beasiswa' },
      { villageCode: '3510992001', kioskId: 'k1', ids: createIdGenerator('3510992001', 'k1') },
      new Date('2026-11-28T03:04:00Z'),
      { ticket: '281126-001-K1' },
    );
    if (!made.ok) throw new Error('valid');
    const csv = registerCsv([made.doc]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      `"1","${made.doc.date}","${formatTime(made.doc.createdAt)}","281126-001-K1","3510171708450001","'=Budi ""Pak""","Surat Keterangan Tidak Mampu (SKTM)","Beasiswa","Diterima","k1"`,
    );
  });
});
