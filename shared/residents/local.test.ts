import { describe, expect, it } from 'vitest';
import { createIdGenerator } from '../ids';
import { isTemporaryNik } from '../nik';
import {
  EMPTY_RESIDENT_FORM,
  localResidentFromForm,
  nameKey,
  nextTemporaryNik,
  otherNikHolder,
  residentFromWalkIn,
  searchPlan,
  withoutCorrected,
} from './local';

const author = {
  villageCode: '3510992001',
  kioskId: 'k1',
  ids: createIdGenerator('3510992001', 'k1'),
};
const form = (over: Record<string, string>) =>
  ({ ...EMPTY_RESIDENT_FORM, ...over }) as Record<keyof typeof EMPTY_RESIDENT_FORM, string>;

describe('local residents', () => {
  it('adds a resident marked local, with the NIK/record mismatch as a warning', () => {
    const made = localResidentFromForm(
      form({ nik: '3510175708450002', name: ' Siti  Aminah ', sex: 'L', birthDate: '1950-01-01' }),
      author,
    );
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.doc).toMatchObject({
      type: 'resident-local',
      name: 'Siti Aminah',
      nameKey: 'siti aminah',
      corrects: null,
    });
    expect(made.warnings).toEqual([
      'Tanggal lahir di NIK (1945-08-17) berbeda dengan data (1950-01-01).',
      'Jenis kelamin di NIK (P) berbeda dengan data (L).',
    ]);
  });

  it('refuses a malformed NIK, KK or missing sex with reasons', () => {
    const made = localResidentFromForm(form({ nik: '123', kkNumber: '0123', name: 'X' }), author);
    expect(made).toEqual({
      ok: false,
      errors: {
        nik: 'NIK harus 16 angka (tertulis 3).',
        kkNumber: 'Nomor KK harus 16 angka, tidak diawali 0.',
        sex: 'Pilih jenis kelamin.',
      },
    });
  });

  it('records a correction of a regency record', () => {
    const made = localResidentFromForm(
      form({ nik: '3510171708450001', name: 'Budi', sex: 'L' }),
      author,
      {
        corrects: 'resident:x',
      },
    );
    expect(made).toMatchObject({ ok: true, doc: { corrects: 'resident:x' } });
    const docs = [
      { id: 'resident:x', corrects: null },
      { id: 'resident-local:y', corrects: 'resident:x' },
    ];
    expect(withoutCorrected(docs).map((d) => d.id)).toEqual(['resident-local:y']);
  });

  it('hands out temporary numbers in per-kiosk blocks', () => {
    const a = nextTemporaryNik('3510992001', 'k1', []);
    const b = nextTemporaryNik('3510992001', 'k2', []);
    expect(a).toBe('0351099200110001');
    expect(b).toBe('0351099200120001');
    expect(isTemporaryNik(a)).toBe(true);
    expect(nextTemporaryNik('3510992001', 'k1', [a, b])).toBe('0351099200110002');
  });

  it('plans a search from what is typed', () => {
    expect(searchPlan('3510 17')).toEqual({ kind: 'number', prefix: '351017' });
    expect(searchPlan('  Siti   A')).toEqual({ kind: 'name', prefix: 'siti a' });
    expect(searchPlan('s')).toEqual({ kind: 'none' });
    expect(nameKey(' BUDI  Santoso')).toBe('budi santoso');
  });
});

describe('a walk-in not yet in the register', () => {
  it('becomes a local resident with birth date and sex read from the NIK', () => {
    const at = '2026-11-28T02:00:00.000Z';
    const doc = residentFromWalkIn({ nik: '3510175708450002', name: 'Siti Aminah', at }, author);
    expect(doc).toMatchObject({
      type: 'resident-local',
      kioskId: 'k1',
      createdAt: at,
      name: 'Siti Aminah',
      nameKey: 'siti aminah',
      birthDate: '1945-08-17',
      sex: 'P',
      status: 'living',
    });
  });

  it('is not made from a temporary number', () => {
    const at = '2026-11-28T02:00:00.000Z';
    expect(residentFromWalkIn({ nik: '0351099200100001', name: 'X', at }, author)).toBeNull();
  });

  it('takes the date forms a clerk types and the civil registry names, refusing others', () => {
    for (const birthDate of ['17-08-1945', '17/8/1945', '1945-08-17', '17.08.1945']) {
      const made = localResidentFromForm(
        form({ nik: '3510175708450002', name: 'Siti', sex: 'P', birthDate, religion: 'ISLAM' }),
        author,
      );
      expect(made).toMatchObject({ ok: true, doc: { birthDate: '1945-08-17', religion: 'Islam' } });
    }
    const bad = localResidentFromForm(
      form({ nik: '3510175708450002', name: 'Siti', sex: 'P', birthDate: '31-02-1945' }),
      author,
    );
    expect(bad).toMatchObject({
      ok: false,
      errors: { birthDate: expect.stringMatching(/^Tanggal lahir tidak sah/) },
    });
    const unknown = localResidentFromForm(
      form({ nik: '3510175708450002', name: 'Siti', sex: 'P', occupation: 'Astronot' }),
      author,
    );
    expect(unknown).toMatchObject({
      ok: false,
      errors: { occupation: 'Pilih pekerjaan dari daftar.' },
    });
  });

  it('finds another holder of a NIK, but lets a correction keep its own', () => {
    const regency = { id: 'resident:x', corrects: null, name: 'Budi' };
    const fix = { id: 'resident-local:y', corrects: 'resident:x', name: 'Budi S.' };
    expect(otherNikHolder([regency], null)).toBe(regency);
    expect(otherNikHolder([regency, fix], null)).toBe(fix);
    expect(otherNikHolder([regency, fix], 'resident:x')).toBeUndefined();
    expect(otherNikHolder([regency], 'resident:z')).toBe(regency);
  });
});
