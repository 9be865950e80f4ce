// The administration forms read whole or refused with the first problem in Bahasa (decision 0028).
import { describe, expect, it } from 'vitest';
import { paragraphsOf, readWordingForm, sampleLetterHtml } from './admin-letters';
import { readPlanningForm } from './admin-planning';
import { readReferenceForm } from './admin-reference';

const form = (fields: Record<string, string>) => (key: string) => fields[key] ?? '';
const names = {
  provinceName: 'Bali',
  regencyKind: 'Kabupaten' as const,
  regencyName: 'Bangli',
  districtName: 'Susut',
  villageName: 'Apuan',
};

describe('the wording form', () => {
  it('splits paragraphs at an empty line and joins wrapped lines', () => {
    expect(paragraphsOf('Satu\nbaris dua\n\n\r\nDua\n  \n')).toEqual(['Satu baris dua', 'Dua']);
  });

  it('refuses an unknown placeholder, a ninth paragraph and an unknown type', () => {
    const base = { jenis: 'domisili', judul: '', penutup: '' };
    expect(readWordingForm(form({ ...base, isi: '{nama} di {dusun_palsu}' }))).toBe(
      'Isian {dusun_palsu} tidak dikenal untuk Surat Keterangan Domisili.',
    );
    expect(readWordingForm(form({ ...base, isi: Array(9).fill('P').join('\n\n') }))).toBe(
      'Paling banyak 8 paragraf.',
    );
    expect(readWordingForm(form({ ...base, jenis: 'x', isi: '' }))).toBe(
      'Jenis surat tidak dikenal.',
    );
  });

  it('previews with the kiosk rendering: the wording filled with the village', () => {
    const wording = readWordingForm(
      form({
        jenis: 'domisili',
        judul: 'KETERANGAN TINGGAL',
        isi: '{nama} tinggal di {desa}.',
        penutup: '',
      }),
    );
    if (typeof wording === 'string') throw new Error(wording);
    const html = sampleLetterHtml('domisili', names, wording);
    expect(html).toContain('KETERANGAN TINGGAL');
    expect(html).toContain('I Made Contoh Warga tinggal di Apuan.');
    expect(html).toContain('215mm 330mm');
  });
});

describe('the planning form', () => {
  const ok = {
    tahun: '2027',
    prioritas: 'air-bersih | Air bersih\nstunting | Stunting',
    kriteria: 'urgensi | Urgensi | 3',
    hari: '21',
  };
  it('reads priorities, criteria and stall days', () => {
    expect(readPlanningForm(form(ok))).toEqual({
      fiscalYear: 2027,
      priorities: [
        { code: 'air-bersih', name: 'Air bersih' },
        { code: 'stunting', name: 'Stunting' },
      ],
      criteria: [{ key: 'urgensi', name: 'Urgensi', weight: 3 }],
      stalledDays: 21,
    });
  });
  it('names the line that is wrong', () => {
    expect(readPlanningForm(form({ ...ok, prioritas: 'Air Bersih | x' }))).toContain(
      'Prioritas baris 1',
    );
    expect(readPlanningForm(form({ ...ok, kriteria: 'a | A | 1\nb | B | 0' }))).toContain(
      'Kriteria baris 2',
    );
    expect(readPlanningForm(form({ ...ok, prioritas: 'a | A\na | B' }))).toBe(
      'Kode prioritas "a" tertulis dua kali.',
    );
    expect(readPlanningForm(form({ ...ok, hari: '0' }))).toBe(
      'Hari macet harus bilangan bulat 1–365.',
    );
  });
});

describe('the reference form', () => {
  it('reads a kegiatan with the year it takes effect, and refuses a bad code', () => {
    const fields = {
      jenis: 'kegiatan',
      kode: '02.02.91.',
      nama: 'Bale banjar',
      tahun: '2027',
      aktif: 'ya',
    };
    expect(readReferenceForm(form(fields))).toEqual({
      kind: 'kegiatan',
      code: '02.02.91.',
      name: 'Bale banjar',
      fiscalYear: 2027,
      active: true,
      rate: null,
    });
    expect(readReferenceForm(form({ ...fields, kode: '' }))).toContain('Kode:');
    expect(readReferenceForm(form({ ...fields, tahun: '1999' }))).toBe('Tahun berlaku 2000–2100.');
  });

  it('reads a tax rate typed as a percent into basis points, and only for a tax', () => {
    const fields = {
      jenis: 'tax',
      kode: 'PPH22',
      nama: 'PPh Pasal 22',
      tahun: '2027',
      aktif: 'ya',
    };
    expect(readReferenceForm(form({ ...fields, tarif: '1,5' }))).toMatchObject({ rate: 150 });
    expect(readReferenceForm(form({ ...fields, tarif: '11' }))).toMatchObject({ rate: 1100 });
    expect(readReferenceForm(form({ ...fields, tarif: '' }))).toBe(
      'Tarif (%) diisi untuk tarif pajak saja, dan wajib untuknya.',
    );
    expect(readReferenceForm(form({ ...fields, tarif: '101' }))).toBe(
      'Tarif pajak: persen 0–100, misalnya 11 atau 1,5.',
    );
    expect(readReferenceForm(form({ ...fields, jenis: 'kegiatan', tarif: '2' }))).toBe(
      'Tarif (%) diisi untuk tarif pajak saja, dan wajib untuknya.',
    );
  });
});
