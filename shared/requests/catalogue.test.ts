import { describe, expect, it } from 'vitest';
import { LETTER_TYPES } from '../letter-types';
import { createIdGenerator } from '../ids';
import { requestFromForm } from '../documents/request-form';
import {
  REQUEST_TYPES,
  REQUIREMENTS,
  missingRequirements,
  requestType,
  validateDetails,
} from './catalogue';
import { nextTicket, ticketNumber } from './queue';

const author = {
  villageCode: '3510992001',
  kioskId: 'k1',
  ids: createIdGenerator('3510992001', 'k1'),
};

describe('the letter catalogue', () => {
  it('defines all 16 letter types with an applicant, fields and requirements', () => {
    expect(REQUEST_TYPES).toHaveLength(16);
    expect(REQUEST_TYPES.map((t) => t.code)).toEqual(LETTER_TYPES.map((t) => t.code));
    for (const type of REQUEST_TYPES) {
      expect(type.subjects.some((s) => s.role === 'applicant')).toBe(true);
      expect(type.requirements.length).toBeGreaterThan(0);
      for (const r of type.requirements) expect(REQUIREMENTS[r]).toBeTruthy();
      expect(new Set(type.fields.map((f) => f.key)).size).toBe(type.fields.length);
    }
  });

  it('checks the required fields of a type, in Bahasa Indonesia', () => {
    const sku = requestType('usaha')!;
    expect(validateDetails(sku, { fields: {}, subjects: [] })).toEqual({
      'field.namaUsaha': 'Nama usaha wajib diisi.',
    });
    expect(validateDetails(sku, { fields: { namaUsaha: 'Warung Bu Siti' }, subjects: [] })).toEqual(
      {},
    );
  });

  it('checks dates, times, rupiah and choices', () => {
    const birth = requestType('kelahiran')!;
    const errors = validateDetails(birth, {
      fields: { hubunganPelapor: 'Paman jauh', tanggalLahir: '2026-02-30', jamLahir: '25:00' },
      subjects: [
        { role: 'mother', nik: '3510175708450002', name: 'Siti' },
        { role: 'witness1', nik: '123', name: 'Andi' },
      ],
    });
    expect(errors).toEqual({
      'field.hubunganPelapor': 'Pilih hubungan pelapor dari daftar.',
      'field.tanggalLahir': 'Tanggal lahir harus tanggal yang sah (TTTT-BB-HH).',
      'field.jamLahir': 'Jam lahir harus jam yang sah (JJ:MM).',
      'subject.witness1': 'Saksi 1: NIK harus 16 angka (tertulis 3).',
      'subject.witness2': 'Saksi 2: NIK dan nama wajib diisi.',
    });
    const income = requestType('penghasilan-ortu')!;
    expect(validateDetails(income, { fields: { penghasilan: '1.500.000' }, subjects: [] })).toEqual(
      {},
    );
    expect(validateDetails(income, { fields: { penghasilan: '1,5 juta' }, subjects: [] })).toEqual({
      'field.penghasilan': 'Penghasilan per bulan (Rp) harus angka rupiah tanpa desimal.',
    });
  });

  it('lists the documents not brought yet', () => {
    expect(missingRequirements(requestType('domisili')!, ['kk'])).toEqual([
      'Surat pengantar RT/RW',
      'Fotokopi KTP',
    ]);
  });

  it('refuses a request whose type-specific fields are wrong, and saves them when right', () => {
    const form = { nik: '3510171708450001', name: 'Budi', serviceType: 'usaha', purpose: 'Modal' };
    const bad = requestFromForm(form, author);
    expect(bad).toEqual({ ok: false, errors: { 'field.namaUsaha': 'Nama usaha wajib diisi.' } });
    const good = requestFromForm(form, author, new Date(), {
      ticket: '281126-001-K1',
      fields: { namaUsaha: ' Warung Budi ', unknown: 'x' },
      requirements: ['kk', 'bogus'],
    });
    expect(good).toMatchObject({
      ok: true,
      doc: { ticket: '281126-001-K1', fields: { namaUsaha: 'Warung Budi' }, requirements: ['kk'] },
    });
  });
});

describe('queue tickets', () => {
  it('numbers DDMMYY-NNN per day, per kiosk, so two offline kiosks never collide', () => {
    expect(ticketNumber('2026-11-28', 7, 'k1')).toBe('281126-007-K1');
    const now = new Date(2026, 10, 28, 9, 0);
    const a = nextTicket([1, 2, 3], author, now);
    const b = nextTicket([1, 2, 3], { ...author, kioskId: 'k2' }, now);
    expect(a.ticket).toBe('281126-004-K1');
    expect(b.ticket).toBe('281126-004-K2');
    expect(a.ticket).not.toBe(b.ticket);
    expect(nextTicket([], author, now).ticket).toBe('281126-001-K1');
    expect(() => ticketNumber('2026-11-28', 1000, 'k1')).toThrow('di luar');
  });
});
