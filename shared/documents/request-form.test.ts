import { describe, expect, it } from 'vitest';
import { createIdGenerator } from '../ids';
import { requestDocSchema } from './request';
import { requestFromForm } from './request-form';

const author = {
  villageCode: '3510992001',
  kioskId: 'k1',
  ids: createIdGenerator('3510992001', 'k1'),
};
const valid = {
  nik: '3510175708450002',
  name: '  Siti   Aminah ',
  serviceType: 'domisili',
  purpose: 'Melamar kerja',
};

describe('requestFromForm', () => {
  it('turns a valid form into a request document that passes the sync schema', () => {
    const result = requestFromForm(valid, author, new Date(2026, 10, 28, 9, 30));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.doc).toMatchObject({
      residentName: 'Siti Aminah',
      date: '2026-11-28',
      status: 'received',
    });
    expect(requestDocSchema.parse(result.doc)).toEqual(result.doc);
  });

  it('accepts a temporary number for a resident without a NIK', () => {
    expect(requestFromForm({ ...valid, nik: '0351099200100001' }, author).ok).toBe(true);
  });

  it('names every wrong field in Bahasa Indonesia', () => {
    const result = requestFromForm(
      { nik: '12345', name: ' ', serviceType: 'x', purpose: '' },
      author,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        nik: 'NIK harus 16 angka (tertulis 5).',
        name: 'Nama pemohon wajib diisi.',
        serviceType: 'Pilih jenis layanan.',
        purpose: 'Keperluan wajib diisi.',
      },
    });
  });
});
